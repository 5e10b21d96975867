package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * socket.io-client's browser bundle in Chromium against the real stack:
 * {@code system-tests/socketio-e2e/browser-chat.mjs} opens a small page of its own on the gateway's
 * origin in two browser contexts; both connect with the default transports (polling, then the
 * upgrade to websocket), join a room and chat both ways. Screenshots land in
 * {@code target/screenshots-socketio}.
 *
 * <p>Node.js, {@code socketio-e2e/node_modules} and Chromium are prerequisites, installed by
 * {@code ./parley test}; when one is missing this test fails and says what to install. It never skips.
 */
class SocketIoBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String TEST = "The Socket.IO browser test";

    private final Path moduleDir = Path.of("").toAbsolutePath();
    private final Path script = moduleDir.resolve("socketio-e2e/browser-chat.mjs");
    private final Path screenshots = moduleDir.resolve("target/screenshots-socketio");

    @Test
    void socketIoClientInChromiumChatsThroughTheRealStack() throws Exception {
        Path node = NodeScript.node(TEST);
        NodeScript.requirePackage(TEST, script, "playwright-core", "socket.io-client");
        NodeScript.requireChromium(TEST);
        ParleyStack stack = ParleyStack.shared();
        Files.createDirectories(screenshots);

        NodeScript.Result run = NodeScript.run("socketio-browser", node, script, TIMEOUT,
                "--url", stack.gateway().http(), "--out", screenshots.toString());

        assertThat(run.finished()).as("the Socket.IO browser test finished within %d s; it printed:%n%s", TIMEOUT.toSeconds(), run.output()).isTrue();
        assertThat(run.exitCode())
                .as("exit code of %s (screenshots in %s); it printed:%n%s", script, screenshots, run.output())
                .isZero();
        assertThat(screenshots.resolve("04-bob-conversation.png")).exists();
    }
}
