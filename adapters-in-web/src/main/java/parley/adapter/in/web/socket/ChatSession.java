package parley.adapter.in.web.socket;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import parley.application.model.Caller;
import parley.application.model.ConnectionId;
import parley.domain.session.SessionId;
import reactor.core.Disposable;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolBuilder;

/**
 * One connected socket: who it is, the rooms it joined, and its outbound queue. The queue is
 * bounded by counting: frames emitted but not yet taken by the socket's writer. A client that
 * stops reading fills it, and the socket is then closed instead of memory growing. Bulk producers
 * (catch-ups) wait for the queue to drain to half before they add a page.
 */
public final class ChatSession {

    private static final Object PERMIT = new Object();

    private final UserId userId;
    private final ConnectionId connection;
    private final int capacity;
    private final int bulkThreshold;
    private final int catchUpsAtOnce;
    private final Closer closer;
    private final ServerFrames frames;
    private final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicInteger pending = new AtomicInteger();
    private final Queue<MonoSink<Void>> waitingForRoom = new ConcurrentLinkedQueue<>();
    private final Map<RoomId, RoomFeed> feeds = new ConcurrentHashMap<>();
    private volatile InstrumentedPool<Object> catchUpPermits;
    private volatile SessionId sessionId;
    private Disposable expiry;
    private boolean closed;

    /**
     * @param capacity        frames that may wait to be written
     * @param catchUpsAtOnce  catch-ups of this socket that run at the same time; more wait their turn
     * @param closer          closes the socket's connection with a close code and reason
     * @param frames          how pushed frames look in the socket's wire protocol
     */
    ChatSession(UserId userId, ConnectionId connection, int capacity, int catchUpsAtOnce, Closer closer, ServerFrames frames) {
        this.userId = userId;
        this.connection = connection;
        this.capacity = capacity;
        this.bulkThreshold = Math.max(1, capacity / 2);
        this.catchUpsAtOnce = catchUpsAtOnce;
        this.closer = closer;
        this.frames = frames;
    }

    /** The socket's protocol's encoding of pushed frames. */
    public ServerFrames frames() {
        return frames;
    }

    public UserId userId() {
        return userId;
    }

    public ConnectionId connection() {
        return connection;
    }

    /** The sign-in session of the token the socket authenticated with (null for tokens without one). */
    public SessionId sessionId() {
        return sessionId;
    }

    /**
     * The socket now speaks with {@code caller}'s token (at open, and after each reauth): its
     * session is that token's, and {@code expiry} (closing the socket when that token expires, or
     * null) replaces the previous token's.
     */
    void authenticatedAs(Caller caller, Disposable expiry) {
        Disposable replaced;
        boolean ended;
        synchronized (this) {
            sessionId = caller.sessionId();
            replaced = this.expiry;
            ended = closed;
            this.expiry = ended ? null : expiry;
        }
        if (replaced != null) {
            replaced.dispose();
        }
        if (ended && expiry != null) {
            expiry.dispose();
        }
    }

    /** The frames to write (UTF-8 JSON text), in emission order; each frame taken frees a place in the queue. */
    public Flux<byte[]> outbound() {
        return sink.asFlux().doOnNext(frame -> {
            // every drop below the threshold passes through threshold - 1: that is when waiting bulk producers go on
            if (pending.decrementAndGet() == bulkThreshold - 1) {
                wakeBulkProducers();
            }
        });
    }

    /**
     * Queues a frame. Returns false when the socket is closed or its queue just overflowed (then
     * the socket is closed for not reading). Serialized: a unicast sink takes one emitter at a time.
     * The bytes are shared with other sockets and must not be changed.
     */
    public boolean emit(byte[] frame) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (pending.incrementAndGet() <= capacity) {
                sink.tryEmitNext(frame);
                return true;
            }
        }
        closeForPolicy("outbound queue full: the client is not reading");
        return false;
    }

    /** Whether a bulk producer may emit a page without risking an overflow. */
    boolean hasRoomForBulk() {
        return pending.get() < bulkThreshold;
    }

    /**
     * Completes when the queue is below half full: at once if it is, else when the client has read
     * enough; also when the socket closes (the producer then sees {@link #isClosed()}).
     */
    Mono<Void> roomForBulk() {
        return Mono.create(waiter -> {
            if (hasRoomForBulk() || isClosed()) {
                waiter.success();
                return;
            }
            waitingForRoom.add(waiter);
            waiter.onDispose(() -> waitingForRoom.remove(waiter));
            // the writer may have drained the queue between the check and the add
            if (hasRoomForBulk() || isClosed()) {
                wakeBulkProducers();
            }
        });
    }

    /**
     * Runs {@code work} when it is this socket's turn: at most {@code catchUpsAtOnce} of its
     * catch-ups run together, the others wait in order. Cancelling a waiting one takes it out of line.
     */
    <T> Flux<T> inCatchUpTurn(Mono<T> work) {
        return catchUpPermits().withPoolable(permit -> work);
    }

    /** Closes the socket because it broke a rule (1008). */
    public void closeForPolicy(String reason) {
        closeWith(CloseCodes.POLICY_VIOLATION, reason);
    }

    /**
     * Ends the session and closes its connection with {@code code}, once: a session already ended
     * (by an earlier close, or because its connection ended) sends no second close frame.
     */
    public void closeWith(int code, String reason) {
        if (end()) {
            closer.close(code, reason);
        }
    }

    /** Closes a socket's connection. */
    @FunctionalInterface
    public interface Closer {
        void close(int code, String reason);
    }

    public void close() {
        end();
    }

    /** Ends the session; whether this call ended it (false when it had ended before). */
    private boolean end() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            sink.tryEmitComplete();
        }
        wakeBulkProducers();
        Disposable timer;
        synchronized (this) {
            timer = expiry;
            expiry = null;
        }
        if (timer != null) {
            timer.dispose();
        }
        feeds.values().forEach(RoomFeed::close);
        InstrumentedPool<Object> permits = catchUpPermits;
        if (permits != null) {
            permits.dispose();
        }
        return true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    RoomFeed feed(RoomId roomId) {
        return feeds.get(roomId);
    }

    /** Watches the room through {@code feed}; a feed it replaces is closed (its catch-up stops). */
    void watch(RoomId roomId, RoomFeed feed) {
        RoomFeed replaced = feeds.put(roomId, feed);
        if (replaced != null) {
            replaced.close();
        }
        if (isClosed()) {
            feed.close();
        }
    }

    /** Stops watching the room; its feed is closed. Returns whether it was watched. */
    boolean unwatch(RoomId roomId) {
        RoomFeed removed = feeds.remove(roomId);
        if (removed != null) {
            removed.close();
        }
        return removed != null;
    }

    Set<RoomId> rooms() {
        return feeds.keySet();
    }

    int watchedRooms() {
        return feeds.size();
    }

    boolean watches(RoomId roomId) {
        return feeds.containsKey(roomId);
    }

    private void wakeBulkProducers() {
        MonoSink<Void> waiter;
        while ((waiter = waitingForRoom.poll()) != null) {
            waiter.success();
        }
    }

    private InstrumentedPool<Object> catchUpPermits() {
        InstrumentedPool<Object> permits = catchUpPermits;
        if (permits == null) {
            synchronized (this) {
                permits = catchUpPermits;
                if (permits == null) {
                    // most sockets never catch up: the permits are made on the first one
                    permits = PoolBuilder.from(Mono.just(PERMIT)).sizeBetween(0, catchUpsAtOnce).maxPendingAcquireUnbounded().buildPool();
                    catchUpPermits = permits;
                    if (closed) {
                        permits.dispose();
                    }
                }
            }
        }
        return permits;
    }
}
