package parley.adapter.in.kafka.persist;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker's persistor waits out a failed batch.
 *
 * @param retryInitialInterval the first back-off after a failed attempt
 * @param retryMaxInterval     the longest back-off between attempts (attempts never end)
 * @param isolateAfterFailures failed attempts after which the batch is stored message by message, so a
 *                             message the database refuses is set aside instead of stalling its partition
 */
@ConfigurationProperties("parley.worker")
record PersistorSettings(@DefaultValue("200ms") Duration retryInitialInterval, @DefaultValue("5s") Duration retryMaxInterval,
                         @DefaultValue("3") int isolateAfterFailures) {

    PersistorSettings {
        Objects.requireNonNull(retryInitialInterval, "retryInitialInterval");
        Objects.requireNonNull(retryMaxInterval, "retryMaxInterval");
        if (isolateAfterFailures < 1) {
            throw new IllegalArgumentException("parley.worker.isolate-after-failures must be at least 1");
        }
    }
}
