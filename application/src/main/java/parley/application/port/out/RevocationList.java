package parley.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import parley.application.model.SessionsRevoked;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The revoked sessions every gateway knows about at once: a deny-list entry per session that lives
 * as long as a token issued for it could still verify, and an announcement to every gateway.
 *
 * <p>The list can be lost (a restart without persistence, a flush, a failover): a sentinel says it is
 * complete. Without it, look-ups fail with {@link DenyListIncompleteException} instead of answering
 * "not denied", and {@link #refill} puts the list back from the sessions table.
 */
public interface RevocationList {

    /** One entry to put back on the list: the session, its user, and how long the entry is to live still. */
    record Denial(SessionId id, UserId userId, Duration ttl) {
        public Denial {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** Denies the sessions for {@code ttl} and announces them on {@link #revocations()}. */
    Mono<Void> deny(SessionsRevoked revoked, Duration ttl);

    /**
     * Whether the session is on the list (false once its entry has lapsed: its tokens have expired by
     * then); {@link DenyListIncompleteException} when the list is not known to be complete.
     */
    Mono<Boolean> isDenied(SessionId id);

    /**
     * Which of the sessions are on the list, in one round trip (callers keep batches to a few hundred);
     * {@link DenyListIncompleteException} when the list is not known to be complete.
     */
    Mono<Set<SessionId>> deniedAmong(Set<SessionId> ids);

    /** Whether the list is known to be complete (its sentinel is there). */
    Mono<Boolean> isComplete();

    /**
     * Writes every denial (without announcing it), then marks the list complete; idempotent, and any
     * number of gateways may do it at once. True when the list was marked complete; false when it
     * was lost again while being refilled (it stays incomplete, to be refilled again).
     */
    Mono<Boolean> refill(Flux<Denial> denials);

    /**
     * Every revocation announced by any gateway from now on (its own too). Fire and forget: a
     * gateway that was not listening misses it, but its sockets' tokens are refused all the same.
     */
    Flux<SessionsRevoked> revocations();
}
