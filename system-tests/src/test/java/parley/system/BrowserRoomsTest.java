package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The browser client's rooms against the real stack: {@code ui/e2e/rooms.mjs} drives three users in
 * Debian's Chromium through a private room (create, invite by e-mail, an invitation arriving live,
 * join and decline), roles (made admin, seen live by both), a direct conversation started from the
 * member list (appearing live for the other user), removal and a ban (the room leaving the user's
 * list at once, with a notice). Screenshots land in {@code target/screenshots}.
 *
 * <p>Node.js, {@code ui/e2e/node_modules} and Chromium are prerequisites, installed by
 * {@code ./parley test}; when one is missing this test fails and says what to install. It never skips.
 */
class BrowserRoomsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(240); // the script's own limit is 180 s
    private static final String TEST = "The browser rooms test";

    private final Path moduleDir = Path.of("").toAbsolutePath();
    private final Path script = moduleDir.resolve("../ui/e2e/rooms.mjs").normalize();
    private final Path screenshots = moduleDir.resolve("target/screenshots");

    @Test
    void privateRoomsInvitationsRolesModerationAndDirectMessagesInRealBrowsers() throws Exception {
        Path node = NodeScript.node(TEST);
        NodeScript.requirePackage(TEST, script, "playwright-core");
        NodeScript.requireChromium(TEST);
        ParleyStack stack = ParleyStack.shared();
        Files.createDirectories(screenshots);

        NodeScript.Result run = NodeScript.run("rooms", node, script, TIMEOUT,
                "--url", stack.gateway().http(), "--out", screenshots.toString());

        assertThat(run.finished()).as("the rooms test finished within %d s; it printed:%n%s", TIMEOUT.toSeconds(), run.output()).isTrue();
        assertThat(run.exitCode())
                .as("exit code of %s (screenshots in %s); it printed:%n%s", script, screenshots, run.output())
                .isZero();
        assertThat(run.output()).contains("PASSED");
        assertThat(screenshots.resolve("r05-banned-notice.png")).exists();
    }
}
