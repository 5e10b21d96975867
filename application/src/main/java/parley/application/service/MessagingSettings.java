package parley.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the message path.
 *
 * @param publishTimeout how long a send waits for the broker's acknowledgement before it fails
 * @param clientMsgIdTtl how long the fast dedupe registry remembers a client message id (the
 *                       database key deduplicates for ever behind it)
 */
public record MessagingSettings(Duration publishTimeout, Duration clientMsgIdTtl) {

    public static final MessagingSettings DEFAULTS = new MessagingSettings(Duration.ofSeconds(5), Duration.ofHours(24));

    public MessagingSettings {
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        Objects.requireNonNull(clientMsgIdTtl, "clientMsgIdTtl");
        if (publishTimeout.isNegative() || publishTimeout.isZero() || clientMsgIdTtl.isNegative() || clientMsgIdTtl.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
