package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The browser client against the real stack: {@code ui/e2e/two-users-chat.mjs} drives two users
 * in Debian's Chromium (via playwright-core) through the gateway booted here, over real
 * PostgreSQL, Kafka and Redis. Screenshots land in {@code target/screenshots}.
 *
 * <p>Node.js, {@code ui/e2e/node_modules} and Chromium are prerequisites, installed by
 * {@code ./parley test}; when one is missing this test fails and says what to install. It never
 * skips: a browser test that silently does not run is worse than none.
 */
class BrowserChatTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String TEST = "The browser test";

    private final Path moduleDir = Path.of("").toAbsolutePath();
    private final Path script = moduleDir.resolve("../ui/e2e/two-users-chat.mjs").normalize();
    private final Path screenshots = moduleDir.resolve("target/screenshots");

    @Test
    void twoUsersChatInRealBrowsersThroughTheRealStack() throws Exception {
        Path node = NodeScript.node(TEST);
        NodeScript.requirePackage(TEST, script, "playwright-core");
        NodeScript.requireChromium(TEST);
        ParleyStack stack = ParleyStack.shared();
        Files.createDirectories(screenshots);

        NodeScript.Result run = NodeScript.run("browser", node, script, TIMEOUT,
                "--url", stack.gateway().http(), "--out", screenshots.toString());

        assertThat(run.finished()).as("the browser test finished within %d s; it printed:%n%s", TIMEOUT.toSeconds(), run.output()).isTrue();
        assertThat(run.exitCode())
                .as("exit code of %s (screenshots in %s); it printed:%n%s", script, screenshots, run.output())
                .isZero();
        assertThat(screenshots.resolve("07-after-reload.png")).exists();
    }
}
