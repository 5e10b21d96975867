package parley.adapter.in.web.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import parley.application.port.out.ConnectionId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One connected socket: who it is, the rooms it joined, and its outbound queue. The queue is
 * bounded by counting: frames emitted but not yet taken by the socket's writer. A client that
 * stops reading fills it, and the socket is then closed instead of memory growing.
 */
final class ChatSession {

    private final UserId userId;
    private final ConnectionId connection;
    private final int capacity;
    private final Consumer<ChatSession> onOverflow;
    private final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<RoomId, RoomFeed> feeds = new ConcurrentHashMap<>();
    private boolean closed;

    ChatSession(UserId userId, ConnectionId connection, int capacity, Consumer<ChatSession> onOverflow) {
        this.userId = userId;
        this.connection = connection;
        this.capacity = capacity;
        this.onOverflow = onOverflow;
    }

    UserId userId() {
        return userId;
    }

    ConnectionId connection() {
        return connection;
    }

    /** The frames to write (UTF-8 JSON text), in emission order; each frame taken frees a place in the queue. */
    Flux<byte[]> outbound() {
        return sink.asFlux().doOnNext(frame -> pending.decrementAndGet());
    }

    /**
     * Queues a frame. Returns false when the socket is closed or its queue just overflowed (then
     * the overflow handler closes the socket). Serialized: a unicast sink takes one emitter at a time.
     * The bytes are shared with other sockets and must not be changed.
     */
    synchronized boolean emit(byte[] frame) {
        if (closed) {
            return false;
        }
        if (pending.incrementAndGet() > capacity) {
            closed = true;
            sink.tryEmitComplete();
            onOverflow.accept(this);
            return false;
        }
        sink.tryEmitNext(frame);
        return true;
    }

    /** Whether a bulk producer (a catch-up) may emit more without risking an overflow. */
    boolean hasRoomForBulk() {
        return pending.get() < capacity / 2;
    }

    synchronized void close() {
        closed = true;
        sink.tryEmitComplete();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    RoomFeed feed(RoomId roomId) {
        return feeds.get(roomId);
    }

    void watch(RoomId roomId, RoomFeed feed) {
        feeds.put(roomId, feed);
    }

    boolean unwatch(RoomId roomId) {
        return feeds.remove(roomId) != null;
    }

    Set<RoomId> rooms() {
        return feeds.keySet();
    }

    boolean watches(RoomId roomId) {
        return feeds.containsKey(roomId);
    }
}
