package parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithRealInfrastructure
class RedisRoundTripTest {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect(RedisEndpoint redis) {
        client = RedisClient.create(redis.uri());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void aValueSetWithATtlIsReadBackAndCarriesThatTtl() {
        RedisCommands<String, String> redis = connection.sync();
        String key = "smoke:" + UUID.randomUUID();

        assertThat(redis.set(key, "online", SetArgs.Builder.ex(60))).isEqualTo("OK");

        assertThat(redis.get(key)).isEqualTo("online");
        assertThat(redis.ttl(key)).isBetween(1L, 60L);
    }

    @Test
    void aValueDisappearsWhenItsTtlRunsOut() throws InterruptedException {
        RedisCommands<String, String> redis = connection.sync();
        String key = "smoke:" + UUID.randomUUID();

        redis.set(key, "typing", SetArgs.Builder.px(200));
        assertThat(redis.pttl(key)).isBetween(1L, 200L);

        long deadline = System.nanoTime() + 3_000_000_000L;
        while (redis.exists(key) == 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(redis.get(key)).isNull();
        assertThat(redis.ttl(key)).isEqualTo(-2L);
    }
}
