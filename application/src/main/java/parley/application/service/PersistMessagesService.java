package parley.application.service;

import java.util.List;
import parley.application.port.in.PersistMessagesUseCase;
import parley.application.port.out.MessageStore;
import parley.application.port.out.PersistedMessagePublisher;
import parley.application.port.out.StoreRefusedException;
import parley.application.model.StoredBatch;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Flux;
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
        return messages.storeBatch(batch).flatMap(this::announce);
    }

    @Override
    public Mono<StoredBatch> persistOneByOne(List<MessageAccepted> batch) {
        return Flux.fromIterable(batch)
                .concatMap(message -> messages.storeBatch(List.of(message))
                        .onErrorResume(StoreRefusedException.class, refused -> Mono.just(new StoredBatch(List.of(),
                                List.of(new StoredBatch.Rejected(message, "refused by the store: " + refused.getMessage()))))))
                .collectList()
                .map(StoredBatch::merged)
                .flatMap(this::announce);
    }

    private Mono<StoredBatch> announce(StoredBatch result) {
        return result.stored().isEmpty()
                ? Mono.just(result)
                : publisher.publishPersisted(result.stored().stream().map(MessagePersisted::new).toList()).thenReturn(result);
    }
}
