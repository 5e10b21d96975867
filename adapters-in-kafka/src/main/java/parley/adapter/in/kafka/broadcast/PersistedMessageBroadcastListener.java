package parley.adapter.in.kafka.broadcast;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import parley.adapter.in.kafka.dlq.DeadLetters;
import parley.adapter.in.kafka.dlq.DeadLetters.Kind;
import parley.application.port.in.DeliverPersistedMessageUseCase;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.contract.kafka.UnreadableRecordException;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every gateway's consumer of persisted messages. Its consumer group is its process's own, so every
 * gateway receives every partition — the flaw of the NestJS design was one shared group, in which
 * each gateway saw only some rooms' messages.
 *
 * <p>The group is {@code parley-gateway-<parley.gateway.instance-id>-<random>}, new at every start:
 * a restarted gateway never resumes an old group's offsets (which would replay stale events as
 * live), and replicas started from one environment never share a group. {@link BroadcastPositions}
 * decides where each assignment starts reading; whenever positions are (re)fixed, the sockets catch
 * up over anything they may have missed ({@link DeliverPersistedMessageUseCase#liveStreamRepositioned()}).
 */
@Component
class PersistedMessageBroadcastListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(PersistedMessageBroadcastListener.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeliverPersistedMessageUseCase delivery;
    private final DeadLetters deadLetters;
    private final BroadcastPositions positions;
    private final MessageRecordCodec codec = new MessageRecordCodec();
    private final String groupId;

    PersistedMessageBroadcastListener(DeliverPersistedMessageUseCase delivery, DeadLetters deadLetters, BroadcastPositions positions,
                                      @Value("${parley.gateway.instance-id:gateway}") String instanceName) {
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.positions = positions;
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        this.groupId = "parley-gateway-" + instanceName + "-" + HexFormat.of().formatHex(random);
        log.info("broadcast consumer group {}", groupId);
    }

    /** This process's consumer group (read by the annotation below). */
    public String getGroupId() {
        return groupId;
    }

    @KafkaListener(
            id = "broadcast-#{__listener.groupId}",
            topics = Topics.PERSISTED,
            groupId = "#{__listener.groupId}",
            batch = "true",
            // a partition added to the topic is noticed within this, and then read from its beginning
            properties = {"auto.offset.reset=latest", "metadata.max.age.ms=${parley.gateway.broadcast-metadata-max-age:30000}"})
    Mono<Void> onBatch(List<ConsumerRecord<String, byte[]>> records) {
        // the whole poll in partition order as one delivery: a room's messages reach its sockets in
        // seq order, and each socket gets its frames of the batch together
        List<MessagePersisted> events = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> unreadable = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(codec.decodePersisted(record.value()));
            } catch (UnreadableRecordException e) {
                unreadable.add(record);
                reasons.add(e.getMessage());
            }
        }
        Mono<Void> delivered = events.isEmpty() ? Mono.empty() : delivery.deliver(events).onErrorResume(e -> oneByOne(events));
        // delivery first; a dead letter that cannot be sent costs nothing but itself (logged and counted,
        // and the record stays on its topic until retention): it must not fail the batch, whose offsets
        // spring-kafka commits anyway
        return delivered.then(Flux.range(0, unreadable.size())
                .concatMap(i -> deadLetters.send(unreadable.get(i), Kind.UNREADABLE, reasons.get(i))
                        .onErrorResume(e -> {
                            log.error("could not dead-letter {}-{}@{}: {}", unreadable.get(i).topic(), unreadable.get(i).partition(),
                                    unreadable.get(i).offset(), e.toString());
                            return Mono.empty();
                        }))
                .then());
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

    /** On the consumer's thread, once the consumer has fixed its positions for these partitions. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<TopicPartition> added = positions.assigned(assignments.keySet());
        if (!added.isEmpty()) {
            log.info("partitions {} were added while this gateway ran: reading them from their beginning", added);
            callback.seekToBeginning(added);
        }
        log.info("broadcast consumer positioned on {}", assignments);
        delivery.liveStreamRepositioned()
                .subscribe(null, e -> log.warn("the sockets could not catch up after the live stream was repositioned: {}", e.toString()));
    }
}
