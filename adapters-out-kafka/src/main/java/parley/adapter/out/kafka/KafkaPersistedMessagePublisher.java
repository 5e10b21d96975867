package parley.adapter.out.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import parley.application.port.out.PersistedMessagePublisher;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Mono;

/**
 * Announces stored messages on {@link Topics#PERSISTED}, keyed by room. All records of a batch are
 * handed to the producer at once (it batches them on the wire); the Mono completes when every one
 * is acknowledged and fails if any is not, so the worker never commits past an unannounced message.
 */
@Component
class KafkaPersistedMessagePublisher implements PersistedMessagePublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaSends sends;
    private final MessageRecordCodec codec = new MessageRecordCodec();

    KafkaPersistedMessagePublisher(KafkaTemplate<String, byte[]> kafka, KafkaSends sends) {
        this.kafka = kafka;
        this.sends = sends;
    }

    @Override
    public Mono<Void> publishPersisted(List<MessagePersisted> events) {
        // send() can block while the producer has no metadata (broker away): on the send threads, never on an event loop
        return sends.send(() -> {
                    List<CompletableFuture<?>> acknowledged = events.stream()
                            .<CompletableFuture<?>>map(event -> kafka.send(Topics.PERSISTED, event.message().roomId().value(), codec.encode(event)))
                            .toList();
                    return CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new));
                })
                .then();
    }
}
