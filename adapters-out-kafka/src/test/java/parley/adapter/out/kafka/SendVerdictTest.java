package parley.adapter.out.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;
import parley.application.ErrorCode;

/** M1: which failed sends leave the message certainly not held (FAILED), and which leave it perhaps held (UNKNOWN). */
class SendVerdictTest {

    private final SendVerdict verdict = SendVerdict.of(Map.of("delivery.timeout.ms", "6000", "max.block.ms", 2000));

    @Test
    void theDeadlinesComeFromTheProducerConfiguration() {
        assertThat(verdict.maxBlock()).isEqualTo(Duration.ofSeconds(2));
        assertThat(SendVerdict.of(Map.of()).maxBlock()).as("Kafka's default").isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aRecordNeverHandedToTheProducerIsNotHeld() {
        assertThat(verdict.of(new RejectedExecutionException("queue full"), null).code()).isEqualTo(ErrorCode.BROKER_UNAVAILABLE);
        assertThat(verdict.of(new SendVerdict.NotHandedOver(), null).code()).isEqualTo(ErrorCode.BROKER_UNAVAILABLE);
    }

    @Test
    void aTimeoutBeforeTheDeliveryTimeoutCouldExpireABatchIsTheMetadataWaitSoNothingWasSent() {
        assertThat(verdict.of(wrapped(new TimeoutException("Topic chat.messages.v1 not present in metadata after 2000 ms.")),
                Duration.ofMillis(2_010)).code()).isEqualTo(ErrorCode.BROKER_UNAVAILABLE);
    }

    @Test
    void aTimeoutAtTheDeliveryTimeoutMayHaveReachedTheBroker() {
        assertThat(verdict.of(wrapped(new TimeoutException("Expiring 1 record(s): 6001 ms has passed since batch creation")),
                Duration.ofMillis(6_001)).code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    }

    @Test
    void definiteRefusalsAreNotHeld() {
        assertThat(verdict.of(wrapped(new RecordTooLargeException("too big")), Duration.ofMillis(5)).code()).isEqualTo(ErrorCode.BROKER_UNAVAILABLE);
        assertThat(verdict.of(wrapped(new TopicAuthorizationException("no")), Duration.ofMillis(5)).code()).isEqualTo(ErrorCode.BROKER_UNAVAILABLE);
    }

    @Test
    void aLostConnectionARetriableErrorOrAnythingUnknownIsPerhapsHeld() {
        assertThat(verdict.of(wrapped(new NetworkException("connection reset")), Duration.ofMillis(100)).code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
        assertThat(verdict.of(wrapped(new NotEnoughReplicasException("isr")), Duration.ofMillis(100)).code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
        assertThat(verdict.of(new IllegalStateException("what"), Duration.ofMillis(100)).code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    }

    private static KafkaProducerException wrapped(Exception cause) {
        return new KafkaProducerException(new ProducerRecord<>("chat.messages.v1", "key", new byte[0]), "Failed to send", cause);
    }
}
