package parley.application.service;

import parley.application.model.MemberChange;
import parley.application.model.RoomSignal;
import parley.application.port.out.RoomSignalBus;
import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * What the room services tell every gateway once a change is stored: the signals behind the
 * {@code member}, {@code removed}, {@code roomUpdated}, {@code invited} and {@code read} frames. Fire and forget:
 * the change is stored whether or not the announcement gets through (Redis down), so a failed
 * publish never fails the request; a socket then learns it when it next reads.
 */
public final class RoomAnnouncements {

    private final RoomSignalBus signals;

    public RoomAnnouncements(RoomSignalBus signals) {
        this.signals = signals;
    }

    /** Joined, or a new role: the room's sockets get a {@code member} frame. */
    public Mono<Void> member(Membership membership, MemberChange change) {
        return publish(new RoomSignal.MemberChanged(membership.roomId(), membership.userId(), change, membership.role()));
    }

    /**
     * The user is out: their sockets stop watching the room ({@link RoomSignal.MemberLeft}, which every
     * gateway understands) and get {@code removed}; the room's sockets get a {@code member} frame.
     */
    public Mono<Void> departed(RoomId roomId, UserId userId, MemberChange change) {
        return notInRoom(roomId, userId).then(publish(new RoomSignal.MemberChanged(roomId, userId, change, null)));
    }

    /** The user is not in the room: no socket of theirs should watch it (nothing to tell the room). */
    public Mono<Void> notInRoom(RoomId roomId, UserId userId) {
        return publish(new RoomSignal.MemberLeft(roomId, userId));
    }

    public Mono<Void> markerMoved(RoomId roomId, UserId userId, ReadPosition position) {
        return publish(new RoomSignal.MarkerMoved(roomId, userId, position.messageId(), position.seq()));
    }

    public Mono<Void> roomChanged(RoomId roomId, UserId changedBy) {
        return publish(new RoomSignal.RoomChanged(roomId, changedBy));
    }

    public Mono<Void> directRoomOpened(RoomId roomId, UserId peer) {
        return publish(new RoomSignal.DirectRoomOpened(roomId, peer));
    }

    public Mono<Void> invited(RoomId roomId, UserId invitee, UserId invitedBy) {
        return publish(new RoomSignal.Invited(roomId, invitee, invitedBy));
    }

    private Mono<Void> publish(RoomSignal signal) {
        return signals.publish(signal).onErrorResume(e -> Mono.empty());
    }
}
