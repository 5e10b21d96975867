package parley.testkit.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak check itself: a buffer that is never released is reported, and a test class during
 * which that happens fails. (Each test drains what it leaked on purpose, so that this class, which
 * the check also runs after, passes.)
 */
class NettyLeaksTest {

    @Test
    void thisJvmRunsWithTheRecorderInstalledAndParanoidDetection() {
        assertThat(NettyLeaks.installed()).as("installed by the launcher session listener").isTrue();
        assertThat(System.getProperty("io.netty.leakDetection.level")).isEqualToIgnoringCase("paranoid");
    }

    @Test
    void aBufferThatIsNeverReleasedIsReportedWithWhereItWasMade() {
        List<String> reports = leakOnceAndCollect();

        assertThat(reports).isNotEmpty();
        assertThat(reports.getFirst()).startsWith("LEAK: ByteBuf.release() was not called")
                .contains("NettyLeaksTest.leakABuffer");
    }

    @Test
    void aTestClassDuringWhichABufferLeakedFails() {
        leakABuffer();
        NoNettyLeaks check = new NoNettyLeaks();

        List<Throwable> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 50 && failures.isEmpty(); attempt++) {
            try {
                check.afterAll(context("LeakingTest"));
            } catch (AssertionError failed) {
                failures.add(failed);
            }
        }

        assertThat(failures).singleElement().satisfies(failure ->
                assertThat(failure).hasMessageContaining("Netty leak report(s) while LeakingTest ran").hasMessageContaining("LEAK:"));
        NettyLeaks.drain();
    }

    @Test
    void aLeakLineInAWatchedChildProcessLogFailsTheCheckOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gateway.log");
        Files.writeString(log, "started\n");
        ChildProcessLogs.watch(log);
        NoNettyLeaks check = new NoNettyLeaks();
        check.afterAll(context("Quiet"));

        Files.writeString(log, "started\n2026 ERROR io.netty.util.ResourceLeakDetector : LEAK: ByteBuf.release() was not called\n"
                + "Recent access records:\n#1: somewhere\n");

        assertThatThrownBy(() -> check.afterAll(context("Leaky"))).hasMessageContaining("gateway.log").hasMessageContaining("#1: somewhere");
        check.afterAll(context("Later")); // reported once
    }

    private static List<String> leakOnceAndCollect() {
        leakABuffer();
        for (int attempt = 0; attempt < 50; attempt++) {
            NettyLeaks.provokeReports();
            List<String> reports = NettyLeaks.drain();
            if (!reports.isEmpty()) {
                return reports;
            }
        }
        return List.of();
    }

    private static void leakABuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(1024);
        leaked.writeInt(42);
        // dropped without release()
    }

    private static ExtensionContext context(String name) {
        return (ExtensionContext) Proxy.newProxyInstance(NettyLeaksTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getDisplayName")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
