package parley.adapter.out.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import parley.testkit.RedisEndpoint;

/**
 * The shared test Redis seen as one gateway would see it: its own connection factory and template, plus a plain
 * Lettuce connection for looking at (and tampering with) raw keys. Every fixture gets a fresh key prefix, so test
 * classes sharing the server never see each other's keys or channels.
 */
final class RedisFixture implements AutoCloseable {

    private final String prefix;
    private final LettuceConnectionFactory factory;
    private final ReactiveStringRedisTemplate template;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisFixture(RedisEndpoint endpoint, String prefix) {
        this.prefix = prefix;
        this.factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(endpoint.host(), endpoint.port()));
        factory.afterPropertiesSet();
        factory.start();
        this.template = new ReactiveStringRedisTemplate(factory);
        this.client = RedisClient.create(endpoint.uri());
        this.connection = client.connect();
    }

    /** A new "gateway" under a fresh prefix. */
    static RedisFixture connect(RedisEndpoint endpoint) {
        return new RedisFixture(endpoint, "parley-test:" + UUID.randomUUID() + ":");
    }

    /** Another "gateway" on the same Redis and prefix as this one, with connections of its own. */
    RedisFixture anotherGateway(RedisEndpoint endpoint) {
        return new RedisFixture(endpoint, prefix);
    }

    String prefix() {
        return prefix;
    }

    RedisSettings settings() {
        return RedisSettings.withPrefix(prefix);
    }

    RedisSettings settings(Duration membershipTtl) {
        return new RedisSettings(prefix, membershipTtl);
    }

    ReactiveStringRedisTemplate template() {
        return template;
    }

    LettuceConnectionFactory factory() {
        return factory;
    }

    /** Raw commands on a separate connection. */
    RedisCommands<String, String> raw() {
        return connection.sync();
    }

    /** The key's remaining time to live; negative as Redis answers: -1 no expiry, -2 no key. */
    long pttl(String key) {
        return raw().pttl(key);
    }

    /** How many Redis connections are subscribed to the channel. */
    long subscribers(String channel) {
        return raw().pubsubNumsub(channel).getOrDefault(channel, 0L);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        factory.destroy();
    }
}
