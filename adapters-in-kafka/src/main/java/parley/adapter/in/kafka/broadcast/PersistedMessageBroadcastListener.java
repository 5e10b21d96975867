package parley.adapter.in.kafka.broadcast;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import parley.adapter.in.kafka.dlq.DeadLetters;
import parley.adapter.in.kafka.dlq.DeadLetters.Kind;
import parley.application.port.in.DeliverPersistedMessageUseCase;
import parley.contract.kafka.MessageRecordCodec;
import parley.domain.message.MessagePersisted;
import parley.contract.kafka.Topics;
import parley.contract.kafka.UnreadableRecordException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every gateway's consumer of persisted messages. Its consumer group is the gateway instance's own
 * ({@code parley.gateway.instance-id}), so every instance receives every partition — the flaw of
 * the NestJS design was one shared group, in which each gateway saw only some rooms' messages.
 * A new instance starts at the latest offset: sockets that connect later catch up from the
 * database with {@code lastSeenSeq}.
 */
@Component
class PersistedMessageBroadcastListener {

    private final DeliverPersistedMessageUseCase delivery;
    private final DeadLetters deadLetters;
    private final MessageRecordCodec codec = new MessageRecordCodec();

    PersistedMessageBroadcastListener(DeliverPersistedMessageUseCase delivery, DeadLetters deadLetters) {
        this.delivery = delivery;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = "broadcast-${parley.gateway.instance-id}",
            topics = Topics.PERSISTED,
            groupId = "parley-gateway-${parley.gateway.instance-id}",
            batch = "true",
            properties = "auto.offset.reset=latest")
    Mono<Void> onBatch(List<ConsumerRecord<String, byte[]>> records) {
        // the whole poll in partition order as one delivery: a room's messages reach its sockets in
        // seq order, and each socket gets its frames of the batch together
        List<MessagePersisted> events = new ArrayList<>(records.size());
        List<Mono<Void>> deadLettered = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(codec.decodePersisted(record.value()));
            } catch (UnreadableRecordException e) {
                deadLettered.add(deadLetters.send(record, Kind.UNREADABLE, e.getMessage()));
            }
        }
        Mono<Void> delivered = events.isEmpty() ? Mono.empty() : delivery.deliver(events).onErrorResume(e -> oneByOne(events));
        return Flux.concat(deadLettered).then(delivered);
    }

    /**
     * After a failed batch, so that one message that cannot be delivered does not keep the others
     * from the sockets. Sockets that got part of the batch already drop what they have seen.
     */
    private Mono<Void> oneByOne(List<MessagePersisted> events) {
        return Flux.fromIterable(events)
                .concatMap(event -> delivery.deliver(List.of(event)).onErrorResume(e -> Mono.empty()))
                .then();
    }
}
