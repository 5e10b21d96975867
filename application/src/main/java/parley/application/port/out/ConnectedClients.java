package parley.application.port.out;

import java.util.List;
import parley.application.model.RoomSignal;
import parley.application.model.RoomSummary;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * The sockets connected to this gateway instance. Delivery pushes to the sockets that joined the
 * message's room; the implementation keeps per-room seq order and drops what a socket already has.
 */
public interface ConnectedClients {

    /**
     * Delivers a batch of messages as the broker handed them over: a room's messages in seq order.
     * A batch rather than one message at a time, so that each socket's frames can go out together.
     */
    Mono<Void> deliver(List<Message> messages);

    Mono<Void> deliver(RoomSignal.Passing signal);

    /** Whether a socket here watches the room (news of it is read from the store only then). */
    boolean watches(RoomId roomId);

    /** Whether the user has a socket here. */
    boolean reaches(UserId userId);

    /** The room's name, description or visibility changed: the sockets watching it get its state. */
    Mono<Void> roomUpdated(RoomSummary room);

    /** A room is new to the user (a direct room the other user opened): their sockets get it as they see it. */
    Mono<Void> roomOpened(UserId userId, RoomSummary room);

    /** The user was invited to the room: their sockets get the invitation, the room as they see it. */
    Mono<Void> invited(UserId invitee, RoomSummary room, UserId invitedBy);

    /**
     * The live stream (re)started at a position that need not follow on from what the sockets
     * were sent (a first partition assignment, a rebalance): every watched room whose last seq is
     * known is caught up from the store, so nothing produced before the new position is missed.
     */
    Mono<Void> resynchronize();
}
