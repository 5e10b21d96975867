package parley.application.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;

/**
 * Who a valid access token speaks for: the user, the session it was issued for (none for tokens
 * from before sessions, which stay valid until they expire) and when it expires.
 */
public record Caller(UserId userId, SessionId sessionId, Instant expiresAt) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Optional<SessionId> session() {
        return Optional.ofNullable(sessionId);
    }
}
