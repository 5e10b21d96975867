package parley.application.port.out;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Who is online. A user is online while at least one of their connections, on any gateway, has
 * been seen within the time-to-live; each connection is tracked on its own, so a crashed one stops
 * counting after the time-to-live even if another tab of the same user is alive.
 */
public interface PresenceStore {

    /**
     * Records that the connection is alive for another {@code ttl}. Returns true when this made
     * the user online (no other live connection before).
     */
    Mono<Boolean> touch(ConnectionId connection, UserId userId, Duration ttl);

    /** Forgets the connection. Returns true when the user has no live connection left. */
    Mono<Boolean> remove(ConnectionId connection, UserId userId);

    /** The users among {@code userIds} that are online now. */
    Mono<Set<UserId>> online(Collection<UserId> userIds);
}
