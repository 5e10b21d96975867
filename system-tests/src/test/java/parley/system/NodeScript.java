package parley.system;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js test script of this repository ({@code ui/e2e}, {@code system-tests/socketio-e2e}) run
 * by a JUnit test: the checks of what it needs, each failing with what to install (these tests never
 * skip), and the run itself, its output echoed line by line and kept for the assertion message.
 */
final class NodeScript {

    static final String INSTALL_HINT = "`./parley test` installs it; by hand: ";

    /** How a run ended: within its time or not, its exit code (-1 when killed), and all it printed. */
    record Result(boolean finished, int exitCode, String output) {
    }

    private NodeScript() {
    }

    /** Node.js 20 or newer on the PATH, else the test fails saying what to install. */
    static Path node(String test) throws IOException, InterruptedException {
        Path node = onPath("node").orElseGet(() -> fail(
                test + " needs Node.js (>= 20) and npm on the PATH. " + INSTALL_HINT + "apt-get install nodejs npm"));
        Process version = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String v = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor(30, TimeUnit.SECONDS);
        int major = v.matches("v\\d+\\..*") ? Integer.parseInt(v.substring(1, v.indexOf('.'))) : 0;
        if (major < 20) {
            fail(test + " needs Node.js 20 or newer; " + node + " is " + v);
        }
        return node;
    }

    /** The script exists and every named package is installed in its package's node_modules. */
    static void requirePackage(String test, Path script, String... modules) {
        if (!Files.isRegularFile(script)) {
            fail(test + ": the script is missing: " + script);
        }
        Path packageDir = script.getParent();
        for (String module : modules) {
            if (!Files.isRegularFile(packageDir.resolve("node_modules").resolve(module).resolve("package.json"))) {
                fail(test + " needs " + module + " in " + packageDir.resolve("node_modules") + ". "
                        + INSTALL_HINT + "cd " + packageDir + " && npm ci");
            }
        }
    }

    /** Debian's Chromium ({@code CHROMIUM}, else {@code /usr/bin/chromium}), as the scripts launch it. */
    static void requireChromium(String test) {
        String chromiumEnv = System.getenv("CHROMIUM");
        Path chromium = Path.of(chromiumEnv == null || chromiumEnv.isBlank() ? "/usr/bin/chromium" : chromiumEnv);
        if (!Files.isExecutable(chromium)) {
            fail(test + " needs Chromium at " + chromium + " (set CHROMIUM to use another one). "
                    + INSTALL_HINT + "sudo apt-get install chromium");
        }
    }

    /**
     * Runs {@code node script args…} in the script's directory; each line it prints is echoed with
     * {@code [tag]}. After {@code timeout} the process and its children are killed.
     */
    static Result run(String tag, Path node, Path script, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), script.toString()));
        command.addAll(List.of(args));
        System.out.println("[" + tag + "] " + String.join(" ", command));
        Process process = new ProcessBuilder(command)
                .directory(script.getParent().toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("[" + tag + "] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process is gone; what it printed so far is kept
            }
        });

        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(10_000);
        synchronized (output) {
            return new Result(finished, finished ? process.exitValue() : -1, output.toString());
        }
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
