package parley.application.port.out;

import java.time.Duration;
import parley.application.model.SessionsRevoked;
import parley.domain.session.SessionId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The revoked sessions every gateway knows about at once: a deny-list entry per session that lives
 * as long as a token issued for it could still verify, and an announcement to every gateway.
 */
public interface RevocationList {

    /** Denies the sessions for {@code ttl} and announces them on {@link #revocations()}. */
    Mono<Void> deny(SessionsRevoked revoked, Duration ttl);

    /** Whether the session is on the list (false once its entry has lapsed: its tokens have expired by then). */
    Mono<Boolean> isDenied(SessionId id);

    /**
     * Every revocation announced by any gateway from now on (its own too). Fire and forget: a
     * gateway that was not listening misses it, but its sockets' tokens are refused all the same.
     */
    Flux<SessionsRevoked> revocations();
}
