package parley.testkit.leaks;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link NettyLeaks}' recording detectors when the JUnit launcher opens its session, in
 * every test JVM that has the test kit and Netty on its class path (registered as a service).
 */
public final class InstallLeakRecorder implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (nettyPresent()) {
            NettyLeaks.install();
        }
    }

    static boolean nettyPresent() {
        try {
            Class.forName("io.netty.util.ResourceLeakDetectorFactory", false, InstallLeakRecorder.class.getClassLoader());
            Class.forName("io.netty.buffer.ByteBufAllocator", false, InstallLeakRecorder.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
