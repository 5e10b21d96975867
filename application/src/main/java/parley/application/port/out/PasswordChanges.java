package parley.application.port.out;

import java.time.Instant;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A password change as one step with the sessions it ends, and the check that lets a sign-in that
 * raced a change lose to it: whoever knew the old password keeps no session.
 */
public interface PasswordChanges {

    /**
     * In one transaction: replaces the user's password hash and revokes, at {@code at}, every other
     * session of theirs not revoked yet ({@code keep} stays). Either both happen or neither does.
     *
     * @return the sessions revoked (none for an unknown user)
     */
    Flux<SessionId> replace(UserId userId, String newHash, SessionId keep, Instant at);

    /**
     * Whether {@code verifiedHash} is still the user's password hash, answered once a change in
     * progress has committed (it waits for one): false for a changed password or an unknown user.
     */
    Mono<Boolean> stillCurrent(UserId userId, String verifiedHash);
}
