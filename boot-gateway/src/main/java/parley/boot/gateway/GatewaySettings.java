package parley.boot.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import parley.application.service.MessagingSettings;

/**
 * The gateway's own settings.
 *
 * @param instanceId      unique per running gateway process; names its broadcast consumer group
 * @param publishTimeout  how long a send waits for the broker's acknowledgement before FAILED
 * @param clientMsgIdTtl  how long Redis remembers which message id a client message got
 */
@ConfigurationProperties("parley.gateway")
public record GatewaySettings(
        String instanceId,
        @DefaultValue("5s") Duration publishTimeout,
        @DefaultValue("24h") Duration clientMsgIdTtl) {

    public MessagingSettings messaging() {
        return new MessagingSettings(publishTimeout, clientMsgIdTtl);
    }
}
