package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * M6 of the red-team review: a gateway that shuts down used to stop its broadcast consumer first
 * and keep its sockets open for up to the 30 s shutdown phase, delivering nothing. Now every socket
 * is closed with 1001 (going away) first, so clients reconnect elsewhere and catch up.
 */
class GatewayShutdownTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aGatewayShuttingDownClosesItsSocketsWith1001BeforeItsConsumerStops() throws Exception {
        FaultStack stack = FaultStack.get();
        AppProcess leaving = stack.startExtraGateway("fault-gw-shutdown");
        Api api = new Api(stack.gateway().http());
        Api.User user = api.register("shutdown-user");
        String roomId = api.createRoom(user, "going away");
        leaving.awaitHealthy(FaultStack.START_TIMEOUT);

        try (WsClient socket = WsClient.connect(leaving.ws(), user.token(), "leaver", Duration.ofSeconds(15))) {
            socket.join(roomId, null, Duration.ofSeconds(15));

            long stopping = System.nanoTime();
            leaving.stop();
            boolean closed = Sleep.until(socket::isClosed, Duration.ofSeconds(30));
            List<String> log = Files.readAllLines(leaving.log());
            int socketsClosedAt = indexOf(log, "closing 1 sockets with 1001");
            int consumerStoppedAt = indexOf(log, "Consumer stopped");
            new Figures("gateway graceful shutdown with an open socket")
                    .put("socket closed", closed)
                    .put("close code", socket.closeCode())
                    .seconds("SIGTERM to exit", Sleep.secondsSince(stopping))
                    .put("log line: sockets closed / broadcast consumer stopped", socketsClosedAt + " / " + consumerStoppedAt)
                    .print();

            assertThat(closed).isTrue();
            assertThat(socket.closeCode()).as("close code").isEqualTo(1001);
            assertThat(socketsClosedAt).as("the gateway logged closing its sockets").isNotNegative();
            assertThat(consumerStoppedAt).as("the broadcast consumer logged its stop").isNotNegative();
            assertThat(socketsClosedAt).as("sockets closed before the broadcast consumer stopped").isLessThan(consumerStoppedAt);
        } finally {
            leaving.stop();
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
