package parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A server that cannot start says why, with the tail of its own log. */
class StartupFailureTest {

    @Test
    void postgresOnAPortInUseFailsWithItsLogInTheMessage() throws Exception {
        try (ServerSocket taken = takenLoopbackPort()) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.builder()
                    .port(taken.getLocalPort()).startupTimeout(Duration.ofSeconds(30)).build();
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PostgreSQL exited")
                    .hasMessageContaining("could not bind")
                    .hasMessageContaining("postgres.log");
            server.stop();
        }
    }

    @Test
    void redisOnAPortInUseFailsWithItsLogInTheMessage() throws Exception {
        try (ServerSocket taken = takenLoopbackPort()) {
            EmbeddedRedisServer server = EmbeddedRedisServer.builder().port(taken.getLocalPort()).build();
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("redis-server exited")
                    .hasMessageContaining("Address already in use");
            server.stop();
        }
    }

    @Test
    void kafkaOnAPortInUseFailsAndCanStillStartElsewhere() throws Exception {
        try (ServerSocket taken = takenLoopbackPort()) {
            EmbeddedKafkaServer blocked = EmbeddedKafkaServer.builder().port(taken.getLocalPort()).build();
            assertThatThrownBy(blocked::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka did not start on 127.0.0.1:" + taken.getLocalPort());
            assertThat(blocked.isRunning()).isFalse();
        }
        try (EmbeddedKafkaServer free = EmbeddedKafkaServer.builder().build().start()) {
            assertThat(free.isRunning()).isTrue();
        }
    }

    private static ServerSocket takenLoopbackPort() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return socket;
    }
}
