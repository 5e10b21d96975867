package parley.loadgen;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * A latency in microseconds, recorded from any thread (HdrHistogram's {@link Recorder}), written
 * once a second as an interval histogram to an HdrHistogram log ({@code .hlog}) and summed into a
 * total that is written as a percentile distribution in milliseconds ({@code .hgrm}).
 */
final class LatencyLog implements AutoCloseable {

    static final long HIGHEST_MICROS = 300_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private final PrintStream logFile;
    private final HistogramLogWriter writer;
    private Histogram interval;

    /** {@code logPath} null: nothing written, the total is still kept. */
    LatencyLog(Path logPath, String comment) {
        if (logPath == null) {
            logFile = null;
            writer = null;
            return;
        }
        try {
            logFile = new PrintStream(logPath.toFile(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        writer = new HistogramLogWriter(logFile);
        writer.outputComment(comment + " (values in microseconds)");
        writer.outputLogFormatVersion();
        long now = System.currentTimeMillis();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputLegend();
    }

    void record(long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
    }

    /** Closes the current interval; call from one thread, about once a second. Returns the interval. */
    synchronized Histogram tick() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        if (writer != null) {
            writer.outputIntervalHistogram(interval);
        }
        return interval;
    }

    synchronized Histogram total() {
        return total;
    }

    /** The total as a percentile distribution in milliseconds. */
    synchronized void writePercentiles(Path path) {
        try (PrintStream out = new PrintStream(path.toFile(), java.nio.charset.StandardCharsets.UTF_8)) {
            total.outputPercentileDistribution(out, 5, 1000.0);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value at {@code percentile} of the total, in milliseconds. */
    synchronized double millis(double percentile) {
        return total.getTotalCount() == 0 ? Double.NaN : total.getValueAtPercentile(percentile) / 1000.0;
    }

    synchronized double maxMillis() {
        return total.getTotalCount() == 0 ? Double.NaN : total.getMaxValue() / 1000.0;
    }

    synchronized long count() {
        return total.getTotalCount();
    }

    @Override
    public synchronized void close() {
        if (logFile != null) {
            logFile.close();
        }
    }
}
