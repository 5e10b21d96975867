package parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The external servers must not outlive their JVM, even when it is killed with SIGKILL. */
class KilledJvmTest {

    @Test
    void postgresAndRedisStopWhenTheJvmHoldingThemIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldServers.class.getName())
                .redirectErrorStream(true)
                .start();
        List<Long> serverPids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("SERVER-PIDS ")) {
                    for (String pid : line.substring("SERVER-PIDS ".length()).split(" ")) {
                        serverPids.add(Long.parseLong(pid));
                    }
                    break;
                }
            }
            assertThat(serverPids).as("child JVM reported its server pids").hasSize(2);
            assertThat(serverPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            jvm.destroyForcibly();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (serverPids.stream().anyMatch(KilledJvmTest::alive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serverPids).noneMatch(KilledJvmTest::alive);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Runs in the child JVM: starts the servers, reports their pids, then waits to be killed. */
    static final class HoldServers {
        public static void main(String[] args) throws Exception {
            EmbeddedRedisServer redis = EmbeddedRedisServer.builder().build().start();
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder().build().start();
            System.out.println("SERVER-PIDS " + redis.serverPid() + " " + postgres.serverPid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            System.exit(1);
        }
    }
}
