package parley.application.fake;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import parley.application.model.RoomSignal;
import parley.application.model.RoomSummary;
import parley.application.port.out.ConnectedClients;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Records what would be pushed to this gateway's sockets; deliveries can be made to fail. Which rooms
 * are watched and which users connected here is set by the test ({@link #watching}, {@link #connected}).
 */
public final class RecordingConnectedClients implements ConnectedClients {

    /** A room pushed to sockets: to a room's watchers ({@code userId} null) or to one user's sockets. */
    public record RoomPush(String frame, UserId userId, RoomSummary room, UserId invitedBy) {
    }

    private final List<RoomPush> roomPushes = new CopyOnWriteArrayList<>();
    private final Set<RoomId> watched = ConcurrentHashMap.newKeySet();
    private final Set<UserId> connectedUsers = ConcurrentHashMap.newKeySet();

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
    public Mono<Void> deliver(RoomSignal.Passing signal) {
        return Mono.defer(() -> shouldFail() ? failure() : Mono.fromRunnable(() -> signals.add(signal)));
    }

    @Override
    public boolean watches(RoomId roomId) {
        return watched.contains(roomId);
    }

    @Override
    public boolean reaches(UserId userId) {
        return connectedUsers.contains(userId);
    }

    @Override
    public Mono<Void> roomUpdated(RoomSummary room) {
        return record(new RoomPush("roomUpdated", null, room, null));
    }

    @Override
    public Mono<Void> roomOpened(UserId userId, RoomSummary room) {
        return record(new RoomPush("roomUpdated", userId, room, null));
    }

    @Override
    public Mono<Void> invited(UserId invitee, RoomSummary room, UserId invitedBy) {
        return record(new RoomPush("invited", invitee, room, invitedBy));
    }

    private Mono<Void> record(RoomPush push) {
        return Mono.defer(() -> shouldFail() ? failure() : Mono.fromRunnable(() -> roomPushes.add(push)));
    }

    /** A socket here watches the room. */
    public void watching(RoomId roomId) {
        watched.add(roomId);
    }

    /** The user has a socket here. */
    public void connected(UserId userId) {
        connectedUsers.add(userId);
    }

    public List<RoomPush> roomPushes() {
        return List.copyOf(roomPushes);
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
