package parley.application.port.in;

import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Mono;

public interface DeliverPersistedMessageUseCase {

    /** Pushes a stored message to this gateway's sockets in its room. */
    Mono<Void> deliver(MessagePersisted event);
}
