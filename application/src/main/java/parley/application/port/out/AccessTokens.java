package parley.application.port.out;

import java.time.Duration;
import java.util.Optional;
import parley.application.model.AccessToken;
import parley.application.model.Caller;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;

/** Issues and verifies the bearer tokens that carry a user's identity. */
public interface AccessTokens {

    /** A token without a session: valid until it expires, whatever happens to the user's sessions. */
    AccessToken issue(UserId userId);

    /** A token for the user's session ({@code sid}): refused once the session is revoked. */
    AccessToken issue(UserId userId, SessionId sessionId);

    /** Who a valid token speaks for; empty for a forged, expired, malformed or foreign token. */
    Optional<Caller> check(String token);

    /** The user a valid token speaks for; empty for a forged, expired, malformed or foreign token. */
    default Optional<UserId> verify(String token) {
        return check(token).map(Caller::userId);
    }

    /** How long after it was issued a token can still verify (its lifetime plus the clock skew allowed). */
    Duration longestValidity();
}
