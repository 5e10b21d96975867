package parley.application.model;

import java.time.Instant;
import java.util.Objects;
import parley.domain.session.SessionId;

/** A session as its user sees it in the list; {@code current} marks the one the request came with. */
public record SessionView(SessionId id, Instant createdAt, Instant lastUsedAt, String userAgent, boolean current) {
    public SessionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(userAgent, "userAgent");
    }
}
