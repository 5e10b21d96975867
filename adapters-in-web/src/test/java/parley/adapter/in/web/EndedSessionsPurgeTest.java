package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import parley.application.port.in.PurgeEndedSessionsUseCase;
import reactor.core.publisher.Mono;

/** The schedule around the purge use case: it runs every interval, survives a failed run, stops on stop. */
class EndedSessionsPurgeTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final AtomicInteger runs = new AtomicInteger();
    /** The first run fails (the database away), the others delete 3 sessions. */
    private final PurgeEndedSessionsUseCase useCase = () -> Mono.defer(() -> runs.incrementAndGet() == 1
            ? Mono.error(new IllegalStateException("database away")) : Mono.just(3));
    private final EndedSessionsPurge purge = new EndedSessionsPurge(useCase, new SessionSettings(Duration.ofDays(30), Duration.ofSeconds(5),
            100_000, Duration.ofMillis(500), Duration.ofHours(24), Duration.ofDays(7), INTERVAL));

    @Test
    void itPurgesEveryIntervalGoesOnAfterAFailureAndStopsOnStop() throws InterruptedException {
        purge.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runs.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(runs.get()).as("runs after the failed first one").isGreaterThanOrEqualTo(3);
            assertThat(purge.isRunning()).isTrue();
        } finally {
            purge.stop();
        }
        int afterStop = runs.get();
        Thread.sleep(INTERVAL.multipliedBy(5).toMillis());

        assertThat(purge.isRunning()).isFalse();
        assertThat(runs.get()).as("no run after stop").isLessThanOrEqualTo(afterStop + 1);
    }
}
