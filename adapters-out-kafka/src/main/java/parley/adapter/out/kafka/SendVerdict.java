package parley.adapter.out.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.kafka.KafkaException;
import parley.application.ErrorCode;
import parley.application.UseCaseException;

/**
 * What a failed send means for the message: the broker certainly does not hold it
 * (BROKER_UNAVAILABLE), or it may (OUTCOME_UNKNOWN). Only the first lets a client give up on it.
 *
 * <ul>
 *   <li>Never handed to the producer (no send thread free in time, the send queue full): not sent.</li>
 *   <li>A Kafka {@link TimeoutException} sooner than {@code delivery.timeout.ms} after the hand-over:
 *       the producer timed out waiting for metadata or buffer space inside {@code send()}, before
 *       anything went on the wire (a batch can only expire once the delivery timeout has passed).</li>
 *   <li>The broker's or the client's definite refusals (record too large, invalid record or topic,
 *       authorization, authentication, serialization): the record was not appended.</li>
 *   <li>Anything else (a delivery timeout, a connection lost with the request in flight, an error
 *       nobody classified): perhaps held.</li>
 * </ul>
 */
final class SendVerdict {

    /** Kafka's default when the producer configuration does not say. */
    private static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
    private static final long DEFAULT_MAX_BLOCK_MS = 60_000;

    private final Duration deliveryTimeout;
    private final Duration maxBlock;

    SendVerdict(Duration deliveryTimeout, Duration maxBlock) {
        this.deliveryTimeout = deliveryTimeout;
        this.maxBlock = maxBlock;
    }

    static SendVerdict of(Map<String, Object> producerConfig) {
        return new SendVerdict(Duration.ofMillis(millis(producerConfig, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DEFAULT_DELIVERY_TIMEOUT_MS)),
                Duration.ofMillis(millis(producerConfig, ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS)));
    }

    /** How long {@code send()} itself may block, and so how long a send may wait for a thread before it is given up unsent. */
    Duration maxBlock() {
        return maxBlock;
    }

    /**
     * @param handedOver how long before the failure the record was handed to the producer; null if it never was
     */
    UseCaseException of(Throwable failure, Duration handedOver) {
        Throwable cause = unwrap(failure);
        if (handedOver == null || cause instanceof RejectedExecutionException || cause instanceof NotHandedOver) {
            return notHeld("the message could not be handed to the broker's client in time", failure);
        }
        if (cause instanceof TimeoutException && handedOver.compareTo(deliveryTimeout) < 0) {
            return notHeld("the broker could not be reached (no metadata)", failure);
        }
        if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException || cause instanceof InvalidTopicException
                || cause instanceof AuthorizationException || cause instanceof AuthenticationException
                || cause instanceof SerializationException) {
            return notHeld("the broker refused the message (" + cause.getClass().getSimpleName() + ")", failure);
        }
        return new UseCaseException(ErrorCode.OUTCOME_UNKNOWN,
                "the broker may or may not have taken the message: send it again with the same clientMsgId", failure);
    }

    private static UseCaseException notHeld(String why, Throwable failure) {
        return new UseCaseException(ErrorCode.BROKER_UNAVAILABLE, why + "; it was not accepted", failure);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 8 && current.getCause() != null
                && (current instanceof KafkaException || current instanceof CompletionException || current instanceof ExecutionException); depth++) {
            current = current.getCause();
        }
        return current;
    }

    private static long millis(Map<String, Object> config, String key, long fallback) {
        Object value = config.get(key);
        return value == null ? fallback : Long.parseLong(value.toString().strip());
    }

    /** The send thread picked the record up too late to send it within the broker's deadlines; it was not sent. */
    static final class NotHandedOver extends RuntimeException {
        NotHandedOver() {
            super("no send thread was free in time", null, false, false);
        }
    }
}
