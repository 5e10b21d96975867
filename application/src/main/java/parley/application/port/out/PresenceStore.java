package parley.application.port.out;

import parley.application.model.ConnectionId;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is online. A user is online while at least one of their connections, on any gateway, has
 * been seen within the time-to-live; each connection is tracked on its own, so a crashed one stops
 * counting after the time-to-live even if another tab of the same user is alive.
 *
 * <p>Each transition of a user (online to offline or back) is reported exactly once, to one
 * caller, with the user's next presence version: by {@link #touch} when it brings the user online,
 * by {@link #remove} when it takes away their last connection, and by {@link #sweepExpired} when
 * their last connection simply expired (a crashed gateway or client never says goodbye).
 */
public interface PresenceStore {

    /**
     * Records that the connection is alive for another {@code ttl}. Emits the user's new presence
     * version when this brought the user online; empty when they were online already.
     */
    Mono<Long> touch(ConnectionId connection, UserId userId, Duration ttl);

    /**
     * Forgets the connection. Emits the user's new presence version when this took the user
     * offline; empty when they keep another live connection, or were announced offline already.
     */
    Mono<Long> remove(ConnectionId connection, UserId userId);

    /**
     * Takes offline the users, at most {@code max}, whose last connection has expired without a
     * goodbye, and emits each with their new presence version. Safe to call from every gateway at
     * once: each such user is emitted to one caller only.
     */
    Flux<WentOffline> sweepExpired(int max);

    /** The users among {@code userIds} that are online now. */
    Mono<Set<UserId>> online(Collection<UserId> userIds);

    /** A user whose last connection expired, with the version of their going offline. */
    record WentOffline(UserId userId, long version) {
        public WentOffline {
            Objects.requireNonNull(userId, "userId");
        }
    }
}
