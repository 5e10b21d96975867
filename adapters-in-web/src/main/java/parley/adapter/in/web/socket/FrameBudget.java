package parley.adapter.in.web.socket;

import io.github.bucket4j.Bucket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One socket's budget of inbound frames (or packets), whatever the protocol: a token bucket, and
 * strikes for frames that came with the bucket empty. The first strike is worth a warning, the
 * {@code flood-strikes}th closes the socket; the record is cleared once the client has slowed down
 * (its bucket half full again), not by every token the refill hands out, or a steady flood would
 * never reach the limit.
 */
public final class FrameBudget {

    public enum Verdict { ADMIT, WARN, DROP, CLOSE }

    private final Bucket frames;
    private final int burst;
    private final int strikesToClose;
    private final AtomicInteger strikes = new AtomicInteger();

    public FrameBudget(Bucket frames, int burst, int strikesToClose) {
        this.frames = frames;
        this.burst = burst;
        this.strikesToClose = strikesToClose;
    }

    public Verdict take() {
        if (frames.tryConsume(1)) {
            if (frames.getAvailableTokens() >= burst / 2) {
                strikes.set(0);
            }
            return Verdict.ADMIT;
        }
        int strike = strikes.incrementAndGet();
        if (strike >= strikesToClose) {
            return Verdict.CLOSE;
        }
        return strike == 1 ? Verdict.WARN : Verdict.DROP;
    }
}
