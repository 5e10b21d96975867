package parley.application.port.out;

import parley.domain.message.Message;
import reactor.core.publisher.Mono;

/**
 * The sockets connected to this gateway instance. Delivery pushes to the sockets that joined the
 * message's room; the implementation keeps per-room seq order and drops what a socket already has.
 */
public interface ConnectedClients {

    Mono<Void> deliver(Message message);

    Mono<Void> deliver(RoomSignal signal);
}
