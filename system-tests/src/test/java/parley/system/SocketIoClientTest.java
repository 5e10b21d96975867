package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An unchanged socket.io-client in Node, as the NestJS system's clients use it, against the real
 * stack: {@code system-tests/socketio-e2e/original-client.mjs} runs its scenarios (tokens, acks,
 * transports and the upgrade, dedupe, catch-up, presence, typing, a {@code /ws} client in the same
 * room, pings) against a gateway started here with short ping settings, so that the ping
 * scenarios take seconds; the shared stack's worker persists the messages.
 *
 * <p>Node.js and {@code socketio-e2e/node_modules} are prerequisites, installed by
 * {@code ./parley test}; when one is missing this test fails and says what to install. It never skips.
 */
class SocketIoClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(270); // the script's own limit is about 200 s
    private static final String TEST = "The Socket.IO client test";
    /** The gateway's ping interval and ping timeout both (the default is 25 s and 20 s). */
    private static final Duration PING = Duration.ofSeconds(1);

    private final Path script = Path.of("").toAbsolutePath().resolve("socketio-e2e/original-client.mjs");

    @Test
    void theOriginalsSocketIoClientWorksAgainstTheRealStack() throws Exception {
        Path node = NodeScript.node(TEST);
        NodeScript.requirePackage(TEST, script, "socket.io-client", "ws");
        ParleyStack.shared(); // its worker
        try (ParleyStack own = new ParleyStack()) {
            ParleyStack.Gateway gateway = own.startGateway("gw-socketio", Map.of(
                    "parley.socketio.ping-interval", PING.toSeconds() + "s",
                    "parley.socketio.ping-timeout", PING.toSeconds() + "s"));

            NodeScript.Result run = NodeScript.run("socketio", node, script, TIMEOUT,
                    "--url", gateway.http(), "--ping-ms", String.valueOf(PING.toMillis()));

            assertThat(run.finished()).as("the Socket.IO client test finished within %d s; it printed:%n%s", TIMEOUT.toSeconds(), run.output()).isTrue();
            assertThat(run.exitCode()).as("exit code of %s; it printed:%n%s", script, run.output()).isZero();
            assertThat(run.output()).contains("PASSED");

            // the exact client the original gateway's page loaded (4.7.5), through the original's own scenarios
            NodeScript.Result original = NodeScript.run("socketio-4.7.5", node, script, TIMEOUT,
                    "--url", gateway.http(), "--ping-ms", String.valueOf(PING.toMillis()), "--client", "4.7.5",
                    "--only", "token|joinRoom|sendMessage|heartbeat|transports|newMessage");
            assertThat(original.finished()).as("the 4.7.5 run finished within %d s; it printed:%n%s", TIMEOUT.toSeconds(), original.output()).isTrue();
            assertThat(original.exitCode()).as("exit code of %s with socket.io-client 4.7.5; it printed:%n%s", script, original.output()).isZero();
            assertThat(original.output()).contains("socket.io-client 4.7.5", "PASSED");
        }
    }
}
