package parley.application.service;

import java.time.Duration;
import java.util.stream.Collectors;
import parley.application.port.in.SignalTypingUseCase;
import parley.application.port.in.TrackPresenceUseCase;
import parley.application.port.out.ConnectionId;
import parley.application.port.out.PresenceStore;
import parley.application.port.out.RoomSignal;
import parley.application.port.out.RoomSignalBus;
import parley.application.port.out.RoomStore;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Presence per connection and typing signals. Both are best effort: when Redis is down, chat goes
 * on and presence degrades, so failures here are swallowed rather than closing sockets.
 */
public final class PresenceService implements TrackPresenceUseCase, SignalTypingUseCase {

    /** Clients heartbeat every 20 s; a connection unseen for this long no longer counts. */
    public static final Duration CONNECTION_TTL = Duration.ofSeconds(60);

    private final PresenceStore presence;
    private final RoomSignalBus signals;
    private final MembershipGuard guard;
    private final RoomStore rooms;

    public PresenceService(PresenceStore presence, RoomSignalBus signals, MembershipGuard guard, RoomStore rooms) {
        this.presence = presence;
        this.signals = signals;
        this.guard = guard;
        this.rooms = rooms;
    }

    @Override
    public Mono<Void> connected(ConnectionId connection, UserId userId) {
        return presence.touch(connection, userId, CONNECTION_TTL)
                .flatMap(cameOnline -> cameOnline ? announce(userId, true) : Mono.empty())
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
                .flatMap(wentOffline -> wentOffline ? announce(userId, false) : Mono.empty())
                .onErrorResume(e -> Mono.empty());
    }

    @Override
    public Mono<Void> typing(RoomId roomId, UserId userId) {
        return guard.requireMember(roomId, userId)
                .then(signals.publish(new RoomSignal.Typing(roomId, userId)).onErrorResume(e -> Mono.empty()));
    }

    private Mono<Void> announce(UserId userId, boolean online) {
        return rooms.findRoomsOf(userId)
                .map(summary -> summary.room().id())
                .collect(Collectors.toSet())
                .flatMap(roomIds -> signals.publish(new RoomSignal.PresenceChanged(userId, online, roomIds)));
    }
}
