package parley.reliability.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting: every wait of this suite has a deadline. */
final class Sleep {

    private Sleep() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Polls {@code condition} every 20 ms; true when it held within {@code timeout}. */
    static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            millis(20);
        }
    }

    /** Like {@link #until} but fails with {@code what} when the condition did not hold in time. */
    static void await(String what, BooleanSupplier condition, Duration timeout) {
        if (!until(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
        }
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
