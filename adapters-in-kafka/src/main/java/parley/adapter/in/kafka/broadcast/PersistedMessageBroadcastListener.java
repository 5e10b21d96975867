package parley.adapter.in.kafka.broadcast;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import parley.adapter.in.kafka.dlq.DeadLetters;
import parley.adapter.in.kafka.dlq.DeadLetters.Kind;
import parley.application.port.in.DeliverPersistedMessageUseCase;
import parley.contract.kafka.MessageRecordCodec;
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
        // in partition order, one at a time: a room's messages reach its sockets in seq order
        return Flux.fromIterable(records).concatMap(this::deliver).then();
    }

    private Mono<Void> deliver(ConsumerRecord<String, byte[]> record) {
        try {
            return delivery.deliver(codec.decodePersisted(record.value())).onErrorResume(e -> Mono.empty());
        } catch (UnreadableRecordException e) {
            return deadLetters.send(record, Kind.UNREADABLE, e.getMessage());
        }
    }
}
