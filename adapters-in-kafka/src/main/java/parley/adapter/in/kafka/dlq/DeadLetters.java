package parley.adapter.in.kafka.dlq;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import parley.contract.kafka.Topics;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where records that cannot be processed go: {@code <topic>.dlq}, with the original key and value,
 * the reason and the origin in headers, logged and counted ({@code parley.dlq.records} by topic and
 * {@link Kind}). The consumer commits past them only once the dead letter is acknowledged.
 */
@Component
public class DeadLetters {

    public static final String REASON_HEADER = "parley-dlq-reason";
    public static final String ORIGIN_HEADER = "parley-dlq-origin";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Dead letters are rare: two threads, and a bounded queue, for all of them in this process. */
    private static final Scheduler SEND_THREADS = Schedulers.newBoundedElastic(2, 10_000, "kafka-dead-letters", 60, true);

    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    /** Why a record is dead-lettered, as a metric tag. */
    public enum Kind {
        /** not an event of the contract: not JSON, wrong schema version, missing or invalid fields */
        UNREADABLE,
        /** a valid event the store refused, e.g. for an unknown room or sender */
        REJECTED
    }

    public Mono<Void> send(ConsumerRecord<String, byte[]> record, Kind kind, String reason) {
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        log.warn("dead-lettering {} ({}): {}", origin, kind, reason);
        counter(record.topic(), kind).increment();
        var letter = new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(), record.value());
        letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
        // send() can block while the producer has no metadata (broker away): never on an event loop, nor
        // on the bounded elastic scheduler other blocking work shares
        return Mono.fromFuture(() -> kafka.send(letter), true).subscribeOn(SEND_THREADS).then();
    }

    private Counter counter(String topic, Kind kind) {
        return Counter.builder("parley.dlq.records")
                .description("records sent to a dead-letter topic")
                .tag("topic", topic)
                .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters);
    }
}
