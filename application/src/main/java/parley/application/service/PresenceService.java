package parley.application.service;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;
import parley.application.port.in.SignalTypingUseCase;
import parley.application.port.in.SweepPresenceUseCase;
import parley.application.port.in.TrackPresenceUseCase;
import parley.application.model.ConnectionId;
import parley.application.port.out.PresenceStore;
import parley.application.model.RoomSignal;
import parley.application.port.out.RoomSignalBus;
import parley.application.port.out.RoomStore;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Presence per connection and typing signals. Both are best effort: when Redis is down, chat goes
 * on and presence degrades, so failures here are swallowed rather than closing sockets. Every
 * transition is announced once, with the user's presence version, so that a stale announcement
 * that overtook a newer one can be told and dropped.
 */
public final class PresenceService implements TrackPresenceUseCase, SignalTypingUseCase, SweepPresenceUseCase {

    /** Clients heartbeat every 20 s; a connection unseen for this long no longer counts. */
    public static final Duration CONNECTION_TTL = Duration.ofSeconds(60);
    /** Users taken offline per sweep query; a sweep goes on while queries come back full. */
    static final int SWEEP_BATCH = 100;

    private final PresenceStore presence;
    private final RoomSignalBus signals;
    private final MembershipGuard guard;
    private final RoomStore rooms;
    private final Duration connectionTtl;

    public PresenceService(PresenceStore presence, RoomSignalBus signals, MembershipGuard guard, RoomStore rooms) {
        this(presence, signals, guard, rooms, CONNECTION_TTL);
    }

    /** {@code connectionTtl}: how long a connection counts after it was last seen; above the clients' heartbeat interval. */
    public PresenceService(PresenceStore presence, RoomSignalBus signals, MembershipGuard guard, RoomStore rooms, Duration connectionTtl) {
        this.presence = presence;
        this.signals = signals;
        this.guard = guard;
        this.rooms = rooms;
        this.connectionTtl = Objects.requireNonNull(connectionTtl, "connectionTtl");
        if (connectionTtl.isNegative() || connectionTtl.isZero()) {
            throw new IllegalArgumentException("the connection time-to-live must be positive");
        }
    }

    @Override
    public Mono<Void> connected(ConnectionId connection, UserId userId) {
        return presence.touch(connection, userId, connectionTtl)
                .flatMap(version -> announce(userId, true, version))
                .onErrorResume(e -> Mono.empty());
    }

    @Override
    public Mono<Void> heartbeat(ConnectionId connection, UserId userId) {
        // a heartbeat after an expiry brings the user back, so it announces like a connect
        return connected(connection, userId);
    }

    @Override
    public Mono<Void> disconnected(ConnectionId connection, UserId userId) {
        return presence.remove(connection, userId)
                .flatMap(version -> announce(userId, false, version))
                .onErrorResume(e -> Mono.empty());
    }

    /**
     * Announces offline the users whose last connection expired without a goodbye. Each gateway
     * sweeps now and then; the store hands every such user to one sweeper only.
     */
    @Override
    public Mono<Integer> sweepExpiredConnections() {
        return presence.sweepExpired(SWEEP_BATCH)
                .concatMap(gone -> announce(gone.userId(), false, gone.version()).onErrorResume(e -> Mono.empty()).thenReturn(gone))
                .count()
                .flatMap(swept -> swept == SWEEP_BATCH
                        ? sweepExpiredConnections().map(more -> SWEEP_BATCH + more)
                        : Mono.just(swept.intValue()));
    }

    @Override
    public Mono<Void> typing(RoomId roomId, UserId userId) {
        return guard.requireMember(roomId, userId)
                .then(signals.publish(new RoomSignal.Typing(roomId, userId)).onErrorResume(e -> Mono.empty()));
    }

    private Mono<Void> announce(UserId userId, boolean online, long version) {
        return rooms.findRoomIdsOf(userId)
                .collect(Collectors.toSet())
                .flatMap(roomIds -> signals.publish(new RoomSignal.PresenceChanged(userId, online, roomIds, version)));
    }
}
