package parley.application.port.in;

import java.util.List;
import parley.domain.message.MessageAccepted;
import parley.application.port.out.StoredBatch;
import reactor.core.publisher.Mono;

public interface PersistMessagesUseCase {

    /**
     * Stores a batch idempotently and announces every stored message of it (duplicates too, as
     * stored before). Completes once the announcements are acknowledged; only then may the caller
     * commit. The refused messages (unknown room or sender) come back for dead-lettering.
     */
    Mono<StoredBatch> persist(List<MessageAccepted> batch);
}
