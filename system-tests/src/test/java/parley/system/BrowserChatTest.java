package parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    private static final long TIMEOUT_SECONDS = 180;
    private static final String INSTALL_HINT = "`./parley test` installs it; by hand: ";

    private final Path moduleDir = Path.of("").toAbsolutePath();
    private final Path e2eDir = moduleDir.resolve("../ui/e2e").normalize();
    private final Path script = e2eDir.resolve("two-users-chat.mjs");
    private final Path screenshots = moduleDir.resolve("target/screenshots");

    @Test
    void twoUsersChatInRealBrowsersThroughTheRealStack() throws Exception {
        Path node = checkPrerequisites();
        ParleyStack stack = ParleyStack.shared();
        Files.createDirectories(screenshots);

        List<String> command = List.of(node.toString(), script.toString(),
                "--url", stack.gateway().http(), "--out", screenshots.toString());
        System.out.println("[browser] " + String.join(" ", command));
        Process process = new ProcessBuilder(command)
                .directory(e2eDir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("[browser] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process is gone; what it printed so far is kept
            }
        });

        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(10_000);
        String printed;
        synchronized (output) {
            printed = output.toString();
        }
        assertThat(finished).as("the browser test finished within %d s; it printed:%n%s", TIMEOUT_SECONDS, printed).isTrue();
        assertThat(process.exitValue())
                .as("exit code of %s (screenshots in %s); it printed:%n%s", script, screenshots, printed)
                .isZero();
        assertThat(screenshots.resolve("07-after-reload.png")).exists();
    }

    /** Fails, saying what to install, unless Node.js (>= 20), playwright-core and Chromium are there. */
    private Path checkPrerequisites() throws Exception {
        Path node = onPath("node").orElseGet(() -> fail(
                "The browser test needs Node.js (>= 20) and npm on the PATH. " + INSTALL_HINT + "apt-get install nodejs npm"));
        Process version = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String v = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor(30, TimeUnit.SECONDS);
        int major = v.matches("v\\d+\\..*") ? Integer.parseInt(v.substring(1, v.indexOf('.'))) : 0;
        if (major < 20) {
            fail("The browser test needs Node.js 20 or newer (playwright-core requires it); " + node + " is " + v);
        }
        if (!Files.isRegularFile(script)) {
            fail("The browser test script is missing: " + script);
        }
        if (!Files.isRegularFile(e2eDir.resolve("node_modules/playwright-core/package.json"))) {
            fail("The browser test needs playwright-core in " + e2eDir.resolve("node_modules") + ". "
                    + INSTALL_HINT + "cd " + e2eDir + " && npm ci");
        }
        String chromiumEnv = System.getenv("CHROMIUM");
        Path chromium = Path.of(chromiumEnv == null || chromiumEnv.isBlank() ? "/usr/bin/chromium" : chromiumEnv);
        if (!Files.isExecutable(chromium)) {
            fail("The browser test needs Chromium at " + chromium + " (set CHROMIUM to use another one). "
                    + INSTALL_HINT + "sudo apt-get install chromium");
        }
        return node;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
