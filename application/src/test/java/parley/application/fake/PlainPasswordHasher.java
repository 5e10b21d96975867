package parley.application.fake;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import parley.application.port.out.PasswordHasher;
import reactor.core.publisher.Mono;

/**
 * A fake for core unit tests only: the "hash" is the reversed password behind a prefix, which
 * keeps it different from the raw password (so a test can catch a service storing the raw one)
 * while costing nothing. Counts its calls so tests can compare the work different paths do.
 */
public final class PlainPasswordHasher implements PasswordHasher {

    public static final String PREFIX = "fake-hash:";

    private final AtomicInteger hashes = new AtomicInteger();
    private final AtomicInteger comparisons = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public Mono<String> hash(String rawPassword) {
        return Mono.fromCallable(() -> {
            checkAvailable();
            hashes.incrementAndGet();
            return hashOf(rawPassword);
        });
    }

    @Override
    public Mono<Boolean> matches(String rawPassword, String hash) {
        return Mono.fromCallable(() -> {
            checkAvailable();
            comparisons.incrementAndGet();
            return hashOf(rawPassword).equals(hash);
        });
    }

    /** The hash {@link #hash} gives for {@code rawPassword}. */
    public static String hashOf(String rawPassword) {
        return PREFIX + new StringBuilder(rawPassword).reverse();
    }

    /** While failing, every call errors, as a hasher whose worker pool rejects tasks would. */
    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    public int hashCount() {
        return hashes.get();
    }

    public int comparisonCount() {
        return comparisons.get();
    }

    private void checkAvailable() {
        if (failing.get()) {
            throw new IllegalStateException("fake password hasher is failing");
        }
    }
}
