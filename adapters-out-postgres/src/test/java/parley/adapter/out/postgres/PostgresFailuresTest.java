package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import parley.application.ErrorCode;
import parley.application.port.out.DependencyUnavailableException;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.test.StepVerifier;

/**
 * The stores' failure boundary against a database that is not there (a loopback port nothing
 * listens on: a real refused connection, no stand-in): every store answers the core's
 * {@link DependencyUnavailableException}, so REST and sockets can give the same code. Before it,
 * the R2DBC exception left the adapter as it was, and only REST recognised it (by class name).
 */
class PostgresFailuresTest {

    private static DatabaseClient unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port(port).database("parley").username("parley").password("parley")
                .connectTimeout(Duration.ofSeconds(5))
                .build()));
    }

    private static void isAnOutage(Throwable error) {
        assertThat(error).isInstanceOf(DependencyUnavailableException.class)
                .hasMessage("the database is unavailable; try again shortly")
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
        assertThat(((DependencyUnavailableException) error).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void everyStoreAnswersAnUnreachableDatabaseAsTheCoresOutage() throws IOException {
        DatabaseClient db = unreachable();
        RoomId room = TestIds.roomId();
        UserId user = TestIds.userId();

        StepVerifier.create(new R2dbcUserStore(db).findById(user)).verifyErrorSatisfies(PostgresFailuresTest::isAnOutage);
        StepVerifier.create(new R2dbcMembershipStore(db, null).find(room, user)).verifyErrorSatisfies(PostgresFailuresTest::isAnOutage);
        StepVerifier.create(new R2dbcMessageStore(db, null).latest(room, 10)).verifyErrorSatisfies(PostgresFailuresTest::isAnOutage);
    }

    @Test
    void aBatchThatCannotReachTheDatabaseIsAnOutageNotARefusal() throws IOException {
        DatabaseClient db = unreachable();
        var transactions = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
        MessageAccepted message = new MessageAccepted(TestIds.messageId(), TestIds.roomId(), TestIds.userId(),
                new ClientMsgId(UUID.randomUUID()), MessageContent.text("hello"), Instant.parse("2026-03-01T09:00:00Z"));

        StepVerifier.create(new R2dbcMessageStore(db, transactions).storeBatch(List.of(message)))
                .verifyErrorSatisfies(PostgresFailuresTest::isAnOutage);
        StepVerifier.create(new R2dbcRoomStore(db, transactions).findById(TestIds.roomId()))
                .verifyErrorSatisfies(PostgresFailuresTest::isAnOutage);
    }
}
