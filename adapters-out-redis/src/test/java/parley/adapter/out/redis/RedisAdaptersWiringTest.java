package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import parley.application.port.out.ClientMsgIdRegistry;
import parley.application.port.out.MembershipCache;
import parley.application.port.out.PresenceStore;
import parley.application.port.out.RoomSignalBus;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import parley.testkit.RedisEndpoint;
import parley.testkit.WithRealInfrastructure;

/** The adapters as a boot module gets them: scanned components, settings bound from properties. */
@WithRealInfrastructure
class RedisAdaptersWiringTest {

    private static RedisFixture redis;

    @BeforeAll
    static void connect(RedisEndpoint endpoint) {
        redis = RedisFixture.connect(endpoint);
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void scanningThePackageProvidesEveryRedisPortOnce() {
        try (AnnotationConfigApplicationContext context = gatewayContext(Map.of())) {
            assertThat(context.getBeansOfType(MembershipCache.class)).hasSize(1);
            assertThat(context.getBeansOfType(ClientMsgIdRegistry.class)).hasSize(1);
            assertThat(context.getBeansOfType(PresenceStore.class)).hasSize(1);
            assertThat(context.getBeansOfType(RoomSignalBus.class)).hasSize(1);
            assertThat(context.getBeansOfType(parley.application.port.out.RevocationList.class)).hasSize(1);
        }
    }

    @Test
    void withoutPropertiesTheDefaultsApply() {
        try (AnnotationConfigApplicationContext context = gatewayContext(Map.of())) {
            assertThat(context.getBean(RedisSettings.class)).isEqualTo(RedisSettings.withPrefix("parley:"));
        }
    }

    @Test
    void propertiesUnderParleyRedisReachTheAdapters() {
        Map<String, Object> properties = Map.of(
                "parley.redis.key-prefix", redis.prefix(),
                "parley.redis.membership-ttl", "42s");
        try (AnnotationConfigApplicationContext context = gatewayContext(properties)) {
            assertThat(context.getBean(RedisSettings.class))
                    .isEqualTo(new RedisSettings(redis.prefix(), Duration.ofSeconds(42)));

            RoomId room = TestIds.room();
            UserId user = TestIds.user();
            context.getBean(MembershipCache.class).remember(room, user, true).block();
            String key = redis.prefix() + "member:" + room.value() + ":" + user.value();
            assertThat(redis.pttl(key)).isBetween(Duration.ofSeconds(37).toMillis(), Duration.ofSeconds(42).toMillis());
        }
    }

    private static AnnotationConfigApplicationContext gatewayContext(Map<String, Object> properties) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.registerBean(ReactiveStringRedisTemplate.class, redis::template);
        context.register(GatewayLikeWiring.class);
        context.refresh();
        return context;
    }

    /** What the boot module declares for this package (it may scan wider). */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = RedisSettings.class)
    @ConfigurationPropertiesScan(basePackageClasses = RedisSettings.class)
    static class GatewayLikeWiring {
    }
}
