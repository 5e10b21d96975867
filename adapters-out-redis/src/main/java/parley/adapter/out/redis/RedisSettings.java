package parley.adapter.out.redis;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Redis adapters ({@code parley.redis.*}). A record bound through its constructor, so the boot module
 * registers it with {@code @ConfigurationPropertiesScan} over this package.
 *
 * @param keyPrefix     starts every key and the signal channel; lets several deployments share one Redis
 * @param membershipTtl how long a positive membership answer is trusted without asking the store
 */
@ConfigurationProperties("parley.redis")
record RedisSettings(
        @DefaultValue(RedisSettings.DEFAULT_PREFIX) String keyPrefix,
        @DefaultValue("10m") Duration membershipTtl) {

    static final String DEFAULT_PREFIX = "parley:";

    RedisSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(membershipTtl, "membershipTtl");
        if (membershipTtl.toMillis() < 1) {
            throw new IllegalArgumentException("parley.redis.membership-ttl must be at least 1 ms, was " + membershipTtl);
        }
    }

    /** The defaults, under another prefix. */
    static RedisSettings withPrefix(String keyPrefix) {
        return new RedisSettings(keyPrefix, Duration.ofMinutes(10));
    }

    String key(String... parts) {
        return keyPrefix + String.join(":", parts);
    }

    /** Pub/sub channels are not keys, but sharing the prefix keeps deployments (and tests) apart. */
    String signalChannel() {
        return keyPrefix + "room-signals";
    }
}
