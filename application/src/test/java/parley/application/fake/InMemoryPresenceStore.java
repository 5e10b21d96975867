package parley.application.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.application.port.out.DependencyUnavailableException;
import parley.application.model.ConnectionId;
import parley.application.port.out.PresenceStore;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence per connection: each connection has its own expiry by the given clock (a
 * {@link MutableClock} in tests), so a crashed connection stops counting after its time-to-live
 * while another tab of the same user keeps the user online. A user stays "announced online" from
 * the touch that brought them online until the remove or sweep that takes them offline, as in the
 * Redis store, and each transition takes the user's next version.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private final InstantSource clock;
    private final Map<UserId, Map<ConnectionId, Instant>> expiries = new HashMap<>();
    private final Set<UserId> announcedOnline = new HashSet<>();
    private final Map<UserId, Long> versions = new HashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    public InMemoryPresenceStore(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Mono<Long> touch(ConnectionId connection, UserId userId, Duration ttl) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(ttl, "ttl");
        return Mono.fromCallable(() -> {
            checkAvailable();
            synchronized (this) {
                expiries.computeIfAbsent(userId, id -> new HashMap<>()).put(connection, clock.instant().plus(ttl));
                return announcedOnline.add(userId) ? nextVersion(userId) : null;
            }
        });
    }

    @Override
    public Mono<Long> remove(ConnectionId connection, UserId userId) {
        return Mono.fromCallable(() -> {
            checkAvailable();
            synchronized (this) {
                Map<ConnectionId, Instant> connections = expiries.get(userId);
                if (connections != null) {
                    connections.remove(connection);
                    if (connections.isEmpty()) {
                        expiries.remove(userId);
                    }
                }
                if (isOnlineAt(userId, clock.instant()) || !announcedOnline.remove(userId)) {
                    return null;
                }
                return nextVersion(userId);
            }
        });
    }

    @Override
    public Flux<WentOffline> sweepExpired(int max) {
        return Flux.defer(() -> {
            checkAvailable();
            synchronized (this) {
                Instant now = clock.instant();
                List<WentOffline> gone = new ArrayList<>();
                for (UserId userId : List.copyOf(announcedOnline)) {
                    if (gone.size() == max) {
                        break;
                    }
                    if (!isOnlineAt(userId, now)) {
                        announcedOnline.remove(userId);
                        expiries.remove(userId);
                        gone.add(new WentOffline(userId, nextVersion(userId)));
                    }
                }
                return Flux.fromIterable(gone);
            }
        });
    }

    @Override
    public Mono<Set<UserId>> online(Collection<UserId> userIds) {
        List<UserId> wanted = List.copyOf(userIds);
        return Mono.fromCallable(() -> {
            checkAvailable();
            synchronized (this) {
                Instant now = clock.instant();
                Set<UserId> online = new LinkedHashSet<>();
                for (UserId userId : wanted) {
                    if (isOnlineAt(userId, now)) {
                        online.add(userId);
                    }
                }
                return Set.copyOf(online);
            }
        });
    }

    /** Test helper: whether the user has a live connection now (works even while failing). */
    public synchronized boolean isOnline(UserId userId) {
        return isOnlineAt(userId, clock.instant());
    }

    /** Test helper: how many of the user's connections are live now. */
    public synchronized long liveConnections(UserId userId) {
        Instant now = clock.instant();
        return expiries.getOrDefault(userId, Map.of()).values().stream().filter(expiry -> expiry.isAfter(now)).count();
    }

    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    private long nextVersion(UserId userId) {
        return versions.merge(userId, 1L, Long::sum);
    }

    private boolean isOnlineAt(UserId userId, Instant now) {
        return expiries.getOrDefault(userId, Map.of()).values().stream().anyMatch(expiry -> expiry.isAfter(now));
    }

    private void checkAvailable() {
        if (failing.get()) {
            throw new DependencyUnavailableException("the presence store", null);
        }
    }
}
