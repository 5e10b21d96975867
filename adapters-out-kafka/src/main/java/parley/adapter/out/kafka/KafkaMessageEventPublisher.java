package parley.adapter.out.kafka;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import parley.application.port.out.MessageEventPublisher;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.domain.message.MessageAccepted;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes accepted messages to {@link Topics#MESSAGES}, keyed by room so a room's messages stay
 * in one partition and in order. The Mono completes when the broker acknowledged the record
 * (the producer runs with acks=all and idempotence, set by the boot module's configuration).
 *
 * <p>{@code send()} itself may block, for up to {@code max.block.ms}, when the producer has no
 * metadata for the topic (the broker is down or restarting), so it is called on a worker thread:
 * the caller is usually an event loop (Redis, R2DBC, WebSocket) that would otherwise stall every
 * connection it serves (found by the fault-injection tests).
 */
@Component
class KafkaMessageEventPublisher implements MessageEventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final MessageRecordCodec codec = new MessageRecordCodec();

    KafkaMessageEventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public Mono<Void> publishAccepted(MessageAccepted event) {
        return Mono.fromFuture(() -> kafka.send(Topics.MESSAGES, event.roomId().value(), codec.encode(event)), true)
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
