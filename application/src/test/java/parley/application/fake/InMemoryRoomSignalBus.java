package parley.application.fake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import parley.application.model.RoomSignal;
import parley.application.port.out.RoomSignalBus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A signal bus in one process: subscribers get what is published after they subscribed (a
 * signal nobody listens to is lost, as on Redis pub/sub), and every published signal is recorded.
 */
public final class InMemoryRoomSignalBus implements RoomSignalBus {

    private static final Duration EMIT_RETRY = Duration.ofSeconds(1);

    private final Sinks.Many<RoomSignal> sink = Sinks.many().multicast().directBestEffort();
    private final List<RoomSignal> published = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @Override
    public Mono<Void> publish(RoomSignal signal) {
        return Mono.fromRunnable(() -> {
            RuntimeException error = failure.get();
            if (error != null) {
                throw error;
            }
            published.add(signal);
            emit(signal);
        });
    }

    @Override
    public Flux<RoomSignal> signals() {
        return sink.asFlux();
    }

    private void emit(RoomSignal signal) {
        long giveUpAt = System.nanoTime() + EMIT_RETRY.toNanos();
        Sinks.EmitResult result;
        // publishers on several threads: retry a concurrent emission instead of losing it. Any other
        // failure (nobody subscribed, a subscriber without demand) just loses the signal, as
        // pub/sub does; emitNext would instead terminate the sink with an overflow error.
        do {
            result = sink.tryEmitNext(signal);
        } while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED && System.nanoTime() < giveUpAt);
    }

    /** Every signal published successfully, in order. */
    public List<RoomSignal> published() {
        return List.copyOf(published);
    }

    public int subscriberCount() {
        return sink.currentSubscriberCount();
    }

    /** From now on {@code publish} fails with {@code error} (null: works again). */
    public void failWith(RuntimeException error) {
        failure.set(error);
    }
}
