package parley.boot.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import parley.application.service.MessagingSettings;

/**
 * The gateway's own settings.
 *
 * @param instanceId      a name for this gateway; its broadcast consumer group is named after it, with a random
 *                        part added at every start so that no two processes ever share one
 * @param publishTimeout  how long a send waits for the broker before it answers UNKNOWN; by default (unset) the
 *                        producer's own deadlines plus a second, which is also the least it may be
 * @param clientMsgIdTtl  how long Redis remembers which message id a client message got
 */
@ConfigurationProperties("parley.gateway")
public record GatewaySettings(
        String instanceId,
        Duration publishTimeout,
        @DefaultValue("24h") Duration clientMsgIdTtl) {

    private static final Duration MARGIN = Duration.ofSeconds(1);

    /**
     * The message path's settings for a producer configured as {@code producer} is. The publisher
     * answers every send within {@code 2 x max.block.ms + delivery.timeout.ms} (a thread to send on,
     * the send itself, its delivery), with a verdict it can stand by; the publish timeout is the
     * safety net beyond that. A shorter one would answer before the producer is done, and the
     * message could still arrive after the client was told it had not: refused at start-up.
     */
    public MessagingSettings messaging(Map<String, Object> producer) {
        Duration producerDeadline = Duration.ofMillis(2 * millis(producer, "max.block.ms", 60_000)
                + millis(producer, "delivery.timeout.ms", 120_000));
        Duration least = producerDeadline.plus(MARGIN);
        if (publishTimeout != null && publishTimeout.compareTo(least) < 0) {
            throw new IllegalStateException("parley.gateway.publish-timeout (PARLEY_PUBLISH_TIMEOUT) is " + publishTimeout.toMillis()
                    + " ms, shorter than the producer's deadlines (2 x max.block.ms + delivery.timeout.ms = " + producerDeadline.toMillis()
                    + " ms) plus a second: a send answered that early could still be delivered. Raise it to at least "
                    + least.toMillis() + " ms, or leave it unset");
        }
        return new MessagingSettings(publishTimeout != null ? publishTimeout : least, clientMsgIdTtl);
    }

    private static long millis(Map<String, Object> config, String key, long fallback) {
        Object value = config.get(key);
        return value == null ? fallback : Long.parseLong(value.toString().strip());
    }
}
