package parley.application.fake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import parley.application.port.out.MessageEventPublisher;
import parley.domain.message.MessageAccepted;
import reactor.core.publisher.Mono;

/**
 * Records accepted messages instead of sending them to a broker. {@link #published()} holds the
 * acknowledged ones, {@link #attempts()} everything handed over; it can be made to fail or hang.
 */
public final class RecordingMessageEventPublisher implements MessageEventPublisher {

    private final PublishBehaviour behaviour = new PublishBehaviour();
    private final List<MessageAccepted> attempts = new CopyOnWriteArrayList<>();
    private final List<MessageAccepted> published = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Void> publishAccepted(MessageAccepted event) {
        return Mono.defer(() -> {
            attempts.add(event);
            return behaviour.answer(() -> published.add(event));
        });
    }

    public List<MessageAccepted> published() {
        return List.copyOf(published);
    }

    public List<MessageAccepted> attempts() {
        return List.copyOf(attempts);
    }

    /** The broker acknowledges (the default). */
    public void acknowledge() {
        behaviour.acknowledge();
    }

    /** The broker refuses every event with {@code error}. */
    public void failWith(Throwable error) {
        behaviour.failWith(error);
    }

    /** The broker never answers. */
    public void neverComplete() {
        behaviour.neverComplete();
    }

    /** The broker acknowledges, but only after {@code delay} (virtual time works). */
    public void acknowledgeAfter(Duration delay) {
        behaviour.acknowledgeAfter(delay);
    }
}
