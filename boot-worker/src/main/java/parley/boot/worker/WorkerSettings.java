package parley.boot.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retryInitialInterval first pause before a failed batch is tried again
 * @param retryMaxInterval     longest pause between tries (they go on until the batch succeeds)
 */
@ConfigurationProperties("parley.worker")
public record WorkerSettings(
        @DefaultValue("200ms") Duration retryInitialInterval,
        @DefaultValue("5s") Duration retryMaxInterval) {
}
