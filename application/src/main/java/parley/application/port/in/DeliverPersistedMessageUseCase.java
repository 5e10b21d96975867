package parley.application.port.in;

import java.util.List;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Mono;

public interface DeliverPersistedMessageUseCase {

    /** Pushes stored messages, in the order given, to this gateway's sockets in their rooms. */
    Mono<Void> deliver(List<MessagePersisted> events);

    /**
     * Called when this gateway's live stream of persisted messages got (new) partitions and its
     * position there is fixed: sockets are caught up from the database over what they may have missed.
     */
    Mono<Void> liveStreamRepositioned();
}
