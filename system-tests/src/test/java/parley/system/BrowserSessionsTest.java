package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The browser client's sessions against the real stack: {@code ui/e2e/sessions.mjs} drives one
 * user on two devices (two Chromium contexts) through a gateway started here with 8-second access
 * tokens, so that silent refreshes happen within the test: the chat keeps working across them, the
 * sessions dialog lists both devices, a revoked device and "log out everywhere" end on the login
 * screen, "log out" ends the session on the server. The shared stack's worker persists the
 * messages. Screenshots land in {@code target/screenshots}.
 *
 * <p>Node.js, {@code ui/e2e/node_modules} and Chromium are prerequisites, installed by
 * {@code ./parley test}; when one is missing this test fails and says what to install. It never skips.
 */
class BrowserSessionsTest {

    /** Short enough for several refreshes in a test, long enough for a page to boot well within it. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);
    private static final Duration TIMEOUT = Duration.ofSeconds(300); // the script's own limit is 150 s + 8 lifetimes
    private static final String TEST = "The browser sessions test";

    private final Path moduleDir = Path.of("").toAbsolutePath();
    private final Path script = moduleDir.resolve("../ui/e2e/sessions.mjs").normalize();
    private final Path screenshots = moduleDir.resolve("target/screenshots");

    @Test
    void silentRefreshLogoutAndRevocationInRealBrowsers() throws Exception {
        Path node = NodeScript.node(TEST);
        NodeScript.requirePackage(TEST, script, "playwright-core");
        NodeScript.requireChromium(TEST);
        ParleyStack.shared(); // its worker
        Files.createDirectories(screenshots);
        try (ParleyStack own = new ParleyStack()) {
            ParleyStack.Gateway gateway = own.startGateway("gw-sessions", Map.of(
                    "parley.auth.token-lifetime", TOKEN_LIFETIME.toSeconds() + "s"));

            NodeScript.Result run = NodeScript.run("sessions", node, script, TIMEOUT,
                    "--url", gateway.http(), "--lifetime-s", String.valueOf(TOKEN_LIFETIME.toSeconds()),
                    "--out", screenshots.toString());

            assertThat(run.finished()).as("the sessions test finished within %d s; it printed:%n%s", TIMEOUT.toSeconds(), run.output()).isTrue();
            assertThat(run.exitCode())
                    .as("exit code of %s (screenshots in %s); it printed:%n%s", script, screenshots, run.output())
                    .isZero();
            assertThat(run.output()).contains("PASSED");
            assertThat(screenshots.resolve("s11-device-a-signed-out-elsewhere.png")).exists();
        }
    }
}
