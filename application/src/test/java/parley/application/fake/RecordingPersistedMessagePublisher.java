package parley.application.fake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import parley.application.port.out.PersistedMessagePublisher;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Mono;

/**
 * Records announced batches instead of sending them to a broker; can be made to fail or hang.
 * {@link #batches()} holds the acknowledged calls, each with its events in order.
 */
public final class RecordingPersistedMessagePublisher implements PersistedMessagePublisher {

    private final PublishBehaviour behaviour = new PublishBehaviour();
    private final List<List<MessagePersisted>> attempts = new CopyOnWriteArrayList<>();
    private final List<List<MessagePersisted>> batches = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Void> publishPersisted(List<MessagePersisted> events) {
        List<MessagePersisted> copy = List.copyOf(events);
        return Mono.defer(() -> {
            attempts.add(copy);
            return behaviour.answer(() -> batches.add(copy));
        });
    }

    /** The acknowledged calls, one list per call. */
    public List<List<MessagePersisted>> batches() {
        return List.copyOf(batches);
    }

    /** Every acknowledged event, flattened in order. */
    public List<MessagePersisted> published() {
        return batches.stream().flatMap(List::stream).toList();
    }

    /** Every call, acknowledged or not. */
    public List<List<MessagePersisted>> attempts() {
        return List.copyOf(attempts);
    }

    public void acknowledge() {
        behaviour.acknowledge();
    }

    public void failWith(Throwable error) {
        behaviour.failWith(error);
    }

    public void neverComplete() {
        behaviour.neverComplete();
    }

    /** The broker acknowledges, but only after {@code delay} (virtual time works). */
    public void acknowledgeAfter(Duration delay) {
        behaviour.acknowledgeAfter(delay);
    }
}
