package parley.application.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/** How a recording fake answers: acknowledge (at once or after a delay), fail, or never answer (to test timeouts). */
final class PublishBehaviour {

    private sealed interface Mode {
    }

    private record Acknowledge() implements Mode {
    }

    private record Fail(Throwable error) implements Mode {
    }

    private record Hang() implements Mode {
    }

    private record Delay(Duration delay) implements Mode {
    }

    private final AtomicReference<Mode> mode = new AtomicReference<>(new Acknowledge());

    void acknowledge() {
        mode.set(new Acknowledge());
    }

    void failWith(Throwable error) {
        mode.set(new Fail(Objects.requireNonNull(error, "error")));
    }

    void neverComplete() {
        mode.set(new Hang());
    }

    void acknowledgeAfter(Duration delay) {
        mode.set(new Delay(Objects.requireNonNull(delay, "delay")));
    }

    /** Runs {@code onAcknowledged} and completes, or fails, or never completes, per the current mode. */
    Mono<Void> answer(Runnable onAcknowledged) {
        return switch (mode.get()) {
            case Acknowledge acknowledge -> Mono.fromRunnable(onAcknowledged);
            case Fail fail -> Mono.error(fail.error());
            case Hang hang -> Mono.never();
            // Mono.delay runs on the parallel scheduler, which StepVerifier.withVirtualTime replaces
            case Delay delay -> Mono.delay(delay.delay()).then(Mono.fromRunnable(onAcknowledged));
        };
    }
}
