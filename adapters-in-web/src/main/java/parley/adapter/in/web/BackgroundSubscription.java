package parley.adapter.in.web;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A gateway's background work that lives as long as the application context: started with it, disposed
 * when it stops, running while its subscription is. Subclasses say what to subscribe; the two shapes
 * the gateway uses (a job repeated on a timer, a stream listened to for ever) are built here.
 */
public abstract class BackgroundSubscription implements SmartLifecycle {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private volatile Disposable running;

    /** Subscribes the work; the returned subscription is disposed at stop. */
    protected abstract Disposable subscribe();

    @Override
    public final void start() {
        running = subscribe();
    }

    @Override
    public final void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public final boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }

    /**
     * Runs {@code job} after {@code first} and then every {@code interval}, never two at once (a tick
     * that finds one still running is dropped). A failed run is reported to {@code onFailure} and
     * counts as 0; the next tick tries again. Each run's count goes to {@code onCount}.
     */
    protected static Disposable repeatEvery(Duration first, Duration interval, Supplier<Mono<Integer>> job,
            Consumer<Throwable> onFailure, IntConsumer onCount) {
        return Flux.interval(first, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(job).onErrorResume(e -> {
                    onFailure.accept(e);
                    return Mono.just(0);
                }), 1)
                .subscribe(onCount::accept, onFailure);
    }

    /**
     * Listens to {@code stream} until stop; when it breaks (its server away), reports the error to
     * {@code onInterruption} and subscribes again with back-off (200 ms growing to 5 s).
     */
    protected static Disposable listenForever(Flux<?> stream, Consumer<Throwable> onInterruption) {
        return stream
                .doOnError(onInterruption)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY).maxBackoff(MAX_RETRY))
                .subscribe();
    }
}
