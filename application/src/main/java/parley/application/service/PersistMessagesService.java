package parley.application.service;

import java.util.List;
import parley.application.port.in.PersistMessagesUseCase;
import parley.application.port.out.MessageStore;
import parley.application.port.out.PersistedMessagePublisher;
import parley.application.port.out.StoredBatch;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Mono;

/**
 * The worker's step: store a batch (new messages numbered, duplicates read back) and announce all
 * of it. Announcing duplicates too is what lets a redelivery after a crash still reach clients.
 */
public final class PersistMessagesService implements PersistMessagesUseCase {

    private final MessageStore messages;
    private final PersistedMessagePublisher publisher;

    public PersistMessagesService(MessageStore messages, PersistedMessagePublisher publisher) {
        this.messages = messages;
        this.publisher = publisher;
    }

    @Override
    public Mono<StoredBatch> persist(List<MessageAccepted> batch) {
        if (batch.isEmpty()) {
            return Mono.just(StoredBatch.of(List.of()));
        }
        return messages.storeBatch(batch).flatMap(result -> result.stored().isEmpty()
                ? Mono.just(result)
                : publisher.publishPersisted(result.stored().stream().map(MessagePersisted::new).toList()).thenReturn(result));
    }
}
