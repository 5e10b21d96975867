package parley.adapter.out.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import parley.application.port.out.MessageEventPublisher;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.domain.message.MessageAccepted;
import reactor.core.publisher.Mono;

/**
 * Publishes accepted messages to {@link Topics#MESSAGES}, keyed by room so a room's messages stay
 * in one partition and in order. The Mono completes when the broker acknowledged the record
 * (the producer runs with acks=all and idempotence, set by the boot module's configuration), and
 * fails with a verdict the client can rely on ({@link SendVerdict}): BROKER_UNAVAILABLE when the
 * broker certainly does not hold the message, OUTCOME_UNKNOWN when it may.
 *
 * <p>{@code send()} runs on {@link KafkaSends}' threads. A record that waited longer than
 * {@code max.block.ms} for one is not sent at all (and so certainly not held): the answer never
 * comes later than the producer's own deadlines allow.
 */
@Component
class KafkaMessageEventPublisher implements MessageEventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaSends sends;
    private final SendVerdict verdict;
    private final MessageRecordCodec codec = new MessageRecordCodec();

    KafkaMessageEventPublisher(KafkaTemplate<String, byte[]> kafka, KafkaSends sends) {
        this.kafka = kafka;
        this.sends = sends;
        this.verdict = SendVerdict.of(kafka.getProducerFactory().getConfigurationProperties());
    }

    @Override
    public Mono<Void> publishAccepted(MessageAccepted event) {
        return Mono.defer(() -> {
            long queuedAt = System.nanoTime();
            AtomicLong handedOverAt = new AtomicLong(-1);
            return sends.send(() -> {
                        long now = System.nanoTime();
                        if (now - queuedAt > verdict.maxBlock().toNanos()) {
                            throw new SendVerdict.NotHandedOver();
                        }
                        handedOverAt.set(now);
                        return kafka.send(Topics.MESSAGES, event.roomId().value(), codec.encode(event));
                    })
                    .onErrorMap(failure -> verdict.of(failure, since(handedOverAt.get())))
                    .then();
        });
    }

    private static Duration since(long nanos) {
        return nanos < 0 ? null : Duration.ofNanos(System.nanoTime() - nanos);
    }
}
