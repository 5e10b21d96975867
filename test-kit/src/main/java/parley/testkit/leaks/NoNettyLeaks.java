package parley.testkit.leaks;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leak while it ran, in this JVM or in a watched child
 * process's log. Registered for every test class (JUnit's extension auto-detection, switched on in
 * the parent pom); every test JVM runs with {@code -Dio.netty.leakDetection.level=paranoid}, so
 * every leaked buffer is tracked and its report names where it was last touched. A leak found after
 * it happened is blamed on the class that runs when it is found: what matters is that the build fails.
 */
public final class NoNettyLeaks implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> reports = new ArrayList<>();
        if (InstallLeakRecorder.nettyPresent() && NettyLeaks.installed()) {
            NettyLeaks.provokeReports();
            reports.addAll(NettyLeaks.drain());
        }
        reports.addAll(ChildProcessLogs.newLeakReports());
        if (!reports.isEmpty()) {
            throw new AssertionError(reports.size() + " Netty leak report(s) while " + context.getDisplayName()
                    + " ran; the first:\n" + reports.getFirst());
        }
    }
}
