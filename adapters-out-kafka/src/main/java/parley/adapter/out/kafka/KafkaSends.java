package parley.adapter.out.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads that call {@code KafkaTemplate.send()}. The call itself may block for up to
 * {@code max.block.ms} while the producer has no metadata (the broker is away), so it never runs
 * on an event loop; and it runs on these threads of its own, not on Reactor's shared bounded
 * elastic scheduler, where any other blocking work (it once was password hashing) could hold a
 * message's acknowledgement up. The queue is bounded: a send that cannot even be queued fails at
 * once, and nothing was sent.
 */
@Component
class KafkaSends implements DisposableBean {

    static final int THREADS = 4;
    static final int QUEUED_PER_THREAD = 2_500;

    private final Scheduler threads = Schedulers.newBoundedElastic(THREADS, QUEUED_PER_THREAD, "kafka-send", 60, true);

    /** Calls {@code send} on a send thread; completes with the broker's answer, which cancelling does not withdraw. */
    <T> Mono<T> send(Supplier<CompletableFuture<T>> send) {
        return Mono.fromFuture(send, true).subscribeOn(threads);
    }

    @Override
    public void destroy() {
        threads.dispose();
    }
}
