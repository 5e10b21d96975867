package parley.testkit.leaks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Netty's leak reports of this JVM, kept so that a test run can fail on them. Netty finds a leak
 * when a reference-counted buffer that was never released is garbage-collected, and reports it the
 * next time a buffer of that kind is allocated; the report goes to Netty's log ("LEAK: ...") and,
 * through the detector installed here, to {@link #drain()}.
 *
 * <p>The recording detectors must be in place before Netty creates its own, which it does once per
 * resource type when the type is first used: {@link InstallLeakRecorder} installs them when the
 * JUnit launcher starts, before any test runs.
 */
public final class NettyLeaks {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final List<String> REPORTS = new ArrayList<>();

    private NettyLeaks() {
    }

    /** Installs the recording detectors (idempotent). Effective only if Netty has not made its detectors yet. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        }
    }

    public static boolean installed() {
        return INSTALLED.get();
    }

    /**
     * Makes Netty report the leaks it can find now: collects garbage, then allocates and releases
     * buffers of the kinds Netty tracks, which is when it looks for collected unreleased ones.
     */
    public static void provokeReports() {
        for (int round = 0; round < 2; round++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < 8; i++) {
                ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(64);
                ByteBuf heap = ByteBufAllocator.DEFAULT.heapBuffer(64);
                direct.release();
                heap.release();
            }
        }
    }

    /** The reports recorded since the last call, and forgets them. */
    public static List<String> drain() {
        synchronized (REPORTS) {
            List<String> reports = List.copyOf(REPORTS);
            REPORTS.clear();
            return reports;
        }
    }

    static void record(String report) {
        synchronized (REPORTS) {
            REPORTS.add(report);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    /** Netty's detector, which also keeps what it reports (and reports even when error logging is off). */
    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<?> resourceType, int samplingInterval) {
            super(resourceType, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected "
                    + "(no trace: run with -Dio.netty.leakDetection.level=paranoid)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
