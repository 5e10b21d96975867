package parley.application.port.out;

import parley.application.model.RoomSignal;
import java.util.List;
import parley.domain.message.Message;
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

    Mono<Void> deliver(RoomSignal signal);

    /**
     * The live stream (re)started at a position that need not follow on from what the sockets
     * were sent (a first partition assignment, a rebalance): every watched room whose last seq is
     * known is caught up from the store, so nothing produced before the new position is missed.
     */
    Mono<Void> resynchronize();
}
