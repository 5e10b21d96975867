package parley.adapter.in.kafka.persist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import parley.adapter.in.kafka.dlq.DeadLetters;
import parley.adapter.in.kafka.dlq.DeadLetters.Kind;
import parley.application.port.in.PersistMessagesUseCase;
import parley.application.model.StoredBatch;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.contract.kafka.UnreadableRecordException;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The worker's consumer: one poll is one batch. Readable records are persisted and announced in one
 * go; unreadable or refused ones are dead-lettered. The returned Mono completes only when all of
 * that is acknowledged, and the container commits the poll's offsets only then (an async return
 * makes spring-kafka use manual, completion-driven acks and pause the consumer meanwhile).
 *
 * <p>A failed batch (database or broker down) is retried <em>inside</em> the returned Mono, with
 * back-off and without end: when an async result fails, spring-kafka acknowledges the batch (so its
 * offsets are committed) and never hands it to the container's error handler, so a failure that
 * left the Mono would skip the batch's messages for good (found by the fault-injection tests).
 *
 * <p>After {@code parley.worker.isolate-after-failures} failed attempts (3) the batch is stored
 * message by message ({@link PersistMessagesUseCase#persistOneByOne}): a message the database
 * refuses for what it is (a value it cannot hold) is dead-lettered as REJECTED and the others are
 * stored, so that one such record cannot stall its partition for good. An outage fails every
 * message alike and is still waited out: nothing is dead-lettered because the database is away.
 */
@Component
class MessagePersistorListener {

    private static final Logger log = LoggerFactory.getLogger(MessagePersistorListener.class);

    private final PersistMessagesUseCase persist;
    private final DeadLetters deadLetters;
    private final MessageRecordCodec codec = new MessageRecordCodec();
    private final Retry retry;
    private final int isolateAfterFailures;

    /** Without retries: a failed batch fails the returned Mono at once (for tests of one attempt). */
    MessagePersistorListener(PersistMessagesUseCase persist, DeadLetters deadLetters) {
        this(persist, deadLetters, null, Integer.MAX_VALUE);
    }

    @Autowired
    MessagePersistorListener(PersistMessagesUseCase persist, DeadLetters deadLetters, PersistorSettings settings) {
        this(persist, deadLetters, Retry.backoff(Long.MAX_VALUE, settings.retryInitialInterval()).maxBackoff(settings.retryMaxInterval())
                .doBeforeRetry(signal -> log.warn("a batch failed ({} tries), retrying it: {}",
                        signal.totalRetries() + 1, signal.failure().toString())), settings.isolateAfterFailures());
    }

    private MessagePersistorListener(PersistMessagesUseCase persist, DeadLetters deadLetters, Retry retry, int isolateAfterFailures) {
        if (isolateAfterFailures < 1) {
            throw new IllegalArgumentException("parley.worker.isolate-after-failures must be at least 1");
        }
        this.persist = persist;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.isolateAfterFailures = isolateAfterFailures;
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
        AtomicInteger failures = new AtomicInteger();
        Mono<Void> batch = Mono.defer(() -> store(readable, failures.get()))
                .flatMap(stored -> refused(stored, origins))
                .then(Flux.concat(unreadable).then())
                .doOnError(e -> failures.incrementAndGet());
        return retry == null ? batch : batch.retryWhen(retry);
    }

    private Mono<StoredBatch> store(List<MessageAccepted> readable, int failuresSoFar) {
        if (failuresSoFar < isolateAfterFailures) {
            return persist.persist(readable);
        }
        if (failuresSoFar == isolateAfterFailures) {
            log.warn("a batch of {} messages failed {} times: storing its messages one by one", readable.size(), failuresSoFar);
        }
        return persist.persistOneByOne(readable);
    }

    private Mono<Void> refused(StoredBatch stored, Map<MessageId, ConsumerRecord<String, byte[]>> origins) {
        return Flux.fromIterable(stored.rejected())
                .concatMap(rejected -> deadLetters.send(origins.get(rejected.message().messageId()), Kind.REJECTED, rejected.reason()))
                .then();
    }
}
