package parley.adapter.in.web.socket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence timing ({@code parley.presence.*}).
 *
 * @param connectionTtl how long a connection counts as online after it was last seen (clients heartbeat every 20 s)
 * @param sweepInterval how often this gateway looks for users whose last connection expired without a goodbye
 *                      (a crashed gateway or client) and announces them offline; each such user is announced by
 *                      one gateway, so peers learn within about {@code connectionTtl + sweepInterval}
 */
@ConfigurationProperties("parley.presence")
public record PresenceSettings(
        @DefaultValue("60s") Duration connectionTtl,
        @DefaultValue("10s") Duration sweepInterval) {

    public PresenceSettings {
        if (connectionTtl.isNegative() || connectionTtl.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("parley.presence.connection-ttl and sweep-interval must be positive");
        }
    }
}
