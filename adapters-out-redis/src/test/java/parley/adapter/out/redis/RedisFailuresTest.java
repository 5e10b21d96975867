package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import parley.application.ErrorCode;
import parley.application.port.out.DependencyUnavailableException;
import reactor.test.StepVerifier;

/**
 * The Redis adapters' failure boundary against a Redis that is not there (a loopback port nothing
 * listens on: a real refused connection): each answers the core's
 * {@link DependencyUnavailableException} instead of Spring's or Lettuce's own exception.
 */
class RedisFailuresTest {

    private LettuceConnectionFactory factory;

    private ReactiveStringRedisTemplate unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        return new ReactiveStringRedisTemplate(factory);
    }

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.destroy();
        }
    }

    private static void isAnOutage(Throwable error) {
        assertThat(error).isInstanceOf(DependencyUnavailableException.class).hasMessage("Redis is unavailable; try again shortly");
        assertThat(((DependencyUnavailableException) error).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void theCacheAndTheRegistryAnswerAnUnreachableRedisAsTheCoresOutage() throws IOException {
        ReactiveStringRedisTemplate redis = unreachable();
        RedisSettings settings = RedisSettings.withPrefix("parley-test:");
        RedisMembershipCache cache = new RedisMembershipCache(redis, settings);
        RedisClientMsgIdRegistry registry = new RedisClientMsgIdRegistry(redis, settings, cache);

        StepVerifier.create(cache.isMember(TestIds.room(), TestIds.user())).expectErrorSatisfies(RedisFailuresTest::isAnOutage)
                .verify(Duration.ofSeconds(30));
        StepVerifier.create(registry.claim(TestIds.room(), TestIds.user(), TestIds.clientMessage(), TestIds.message(), Duration.ofMinutes(1)))
                .expectErrorSatisfies(RedisFailuresTest::isAnOutage)
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void theRevocationListAnswersAnUnreachableRedisAsTheCoresOutage() throws IOException {
        RedisRevocationList list = new RedisRevocationList(unreachable(), RedisSettings.withPrefix("parley-test:"));
        parley.domain.session.SessionId id = parley.domain.session.SessionId.of(TestIds.user().value());

        StepVerifier.create(list.isDenied(id)).expectErrorSatisfies(RedisFailuresTest::isAnOutage).verify(Duration.ofSeconds(30));
        StepVerifier.create(list.deny(new parley.application.model.SessionsRevoked(TestIds.user(), java.util.Set.of(id)), Duration.ofMinutes(1)))
                .expectErrorSatisfies(RedisFailuresTest::isAnOutage)
                .verify(Duration.ofSeconds(30));
    }
}
