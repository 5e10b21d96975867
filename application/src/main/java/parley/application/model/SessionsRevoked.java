package parley.application.model;

import java.util.Objects;
import java.util.Set;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;

/**
 * Sessions of one user that have just ended (logout, revocation, reuse, password change): their
 * access tokens are refused from now on, and every gateway closes their sockets.
 */
public record SessionsRevoked(UserId userId, Set<SessionId> sessionIds) {
    public SessionsRevoked {
        Objects.requireNonNull(userId, "userId");
        sessionIds = Set.copyOf(sessionIds);
        if (sessionIds.isEmpty()) {
            throw new IllegalArgumentException("no sessions");
        }
    }
}
