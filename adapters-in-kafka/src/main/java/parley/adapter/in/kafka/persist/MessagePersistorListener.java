package parley.adapter.in.kafka.persist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import parley.adapter.in.kafka.dlq.DeadLetters;
import parley.adapter.in.kafka.dlq.DeadLetters.Kind;
import parley.application.port.in.PersistMessagesUseCase;
import parley.application.port.out.StoredBatch;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.contract.kafka.UnreadableRecordException;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The worker's consumer: one poll is one batch. Readable records are persisted and announced in one
 * go; unreadable or refused ones are dead-lettered. The returned Mono completes only when all of
 * that is acknowledged, and the container commits the poll's offsets only then (an async return
 * makes spring-kafka use manual, completion-driven acks and pause the consumer meanwhile). A
 * failure leaves the offsets where they were, so the container's error handler retries the batch.
 */
@Component
class MessagePersistorListener {

    private final PersistMessagesUseCase persist;
    private final DeadLetters deadLetters;
    private final MessageRecordCodec codec = new MessageRecordCodec();

    MessagePersistorListener(PersistMessagesUseCase persist, DeadLetters deadLetters) {
        this.persist = persist;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "chat-persistor", topics = Topics.MESSAGES, groupId = Topics.PERSISTOR_GROUP, batch = "true")
    Mono<Void> onBatch(List<ConsumerRecord<String, byte[]>> records) {
        return Mono.defer(() -> persistBatch(records));
    }

    private Mono<Void> persistBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<MessageAccepted> readable = new ArrayList<>(records.size());
        Map<MessageId, ConsumerRecord<String, byte[]>> origins = new HashMap<>();
        List<Mono<Void>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                MessageAccepted event = codec.decodeAccepted(record.value());
                readable.add(event);
                origins.putIfAbsent(event.messageId(), record);
            } catch (UnreadableRecordException e) {
                unreadable.add(deadLetters.send(record, Kind.UNREADABLE, e.getMessage()));
            }
        }
        return persist.persist(readable)
                .flatMap(stored -> refused(stored, origins))
                .then(Flux.concat(unreadable).then());
    }

    private Mono<Void> refused(StoredBatch stored, Map<MessageId, ConsumerRecord<String, byte[]>> origins) {
        return Flux.fromIterable(stored.rejected())
                .concatMap(rejected -> deadLetters.send(origins.get(rejected.message().messageId()), Kind.REJECTED, rejected.reason()))
                .then();
    }
}
