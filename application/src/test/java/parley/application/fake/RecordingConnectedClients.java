package parley.application.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import parley.application.port.out.ConnectedClients;
import parley.application.model.RoomSignal;
import parley.domain.message.Message;
import reactor.core.publisher.Mono;

/** Records what would be pushed to this gateway's sockets; deliveries can be made to fail. */
public final class RecordingConnectedClients implements ConnectedClients {

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<RoomSignal> signals = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger failedDeliveries = new AtomicInteger();
    private final AtomicInteger resynchronizations = new AtomicInteger();

    @Override
    public Mono<Void> deliver(List<Message> batch) {
        return Mono.defer(() -> shouldFail() ? failure() : Mono.fromRunnable(() -> messages.addAll(batch)));
    }

    @Override
    public Mono<Void> deliver(RoomSignal signal) {
        return Mono.defer(() -> shouldFail() ? failure() : Mono.fromRunnable(() -> signals.add(signal)));
    }

    @Override
    public Mono<Void> resynchronize() {
        return Mono.fromRunnable(resynchronizations::incrementAndGet);
    }

    /** How often the live stream was repositioned and the sockets told to catch up. */
    public int resynchronizations() {
        return resynchronizations.get();
    }

    public List<Message> deliveredMessages() {
        return List.copyOf(messages);
    }

    public List<RoomSignal> deliveredSignals() {
        return List.copyOf(signals);
    }

    /** The next {@code count} deliveries fail. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** Every delivery fails while set. */
    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    public int failedDeliveries() {
        return failedDeliveries.get();
    }

    private boolean shouldFail() {
        return failing.get() || failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private Mono<Void> failure() {
        failedDeliveries.incrementAndGet();
        return Mono.error(new IllegalStateException("socket write failed"));
    }
}
