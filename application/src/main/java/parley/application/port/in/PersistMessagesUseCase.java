package parley.application.port.in;

import java.util.List;
import parley.domain.message.MessageAccepted;
import parley.application.model.StoredBatch;
import reactor.core.publisher.Mono;

public interface PersistMessagesUseCase {

    /**
     * Stores a batch idempotently and announces every stored message of it (duplicates too, as
     * stored before). Completes once the announcements are acknowledged; only then may the caller
     * commit. The refused messages (unknown room or sender) come back for dead-lettering.
     */
    Mono<StoredBatch> persist(List<MessageAccepted> batch);

    /**
     * As {@link #persist}, for a batch that keeps failing: each message in a transaction of its own,
     * in batch order (so a room's messages keep their order). A message the store refuses for what
     * it is ({@link parley.application.port.out.StoreRefusedException}) comes back among the
     * rejected ones instead of failing the rest; any other failure, an outage, fails the call, so
     * nothing is given up while the store is merely away.
     */
    Mono<StoredBatch> persistOneByOne(List<MessageAccepted> batch);
}
