package parley.application.model;

import java.time.Instant;
import java.util.Objects;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;

/** A session of the sessions table that has been revoked, and when: what a lost deny-list is re-seeded from. */
public record RevokedSession(SessionId id, UserId userId, Instant revokedAt) {
    public RevokedSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
