package parley.adapter.in.web.socket;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import parley.domain.message.Message;
import reactor.core.Disposable;

/**
 * One socket's view of one joined room: the seq it was last sent, and the live messages that wait
 * while it catches up from the database. It guarantees the socket sees the room's messages in seq
 * order, each once, without holes: a live message that would leave a hole starts a catch-up of the
 * hole first. Frames are emitted while holding this feed's lock, so two threads (the broadcast
 * consumer and a catch-up query) can never interleave one room's frames out of order.
 *
 * <p>A feed runs at most one catch-up at a time, and owns it: closing the feed (the socket left the
 * room, joined it again, or went away) stops it, and a closed feed emits nothing more. The live
 * messages it holds during a catch-up are bounded: past the bound they are dropped, and the
 * catch-up reads them from the database instead (every live message is stored before it is sent).
 */
final class RoomFeed {

    /** Nothing sent yet and no starting point known (joined without lastSeenSeq). */
    private static final long UNKNOWN = -1;

    private final TreeMap<Long, Delivery> held = new TreeMap<>();
    private final int maxHeld;
    private long lastSeq;
    private boolean catchingUp;
    private boolean droppedLive;
    private boolean closed;
    private Disposable catchUp;

    /** A message with its frame, encoded once for every socket of the room. */
    record Delivery(Message message, byte[] frame) {
        long seq() {
            return message.seq();
        }
    }

    private RoomFeed(long lastSeq, boolean catchingUp, int maxHeld) {
        this.lastSeq = lastSeq;
        this.catchingUp = catchingUp;
        this.maxHeld = maxHeld;
    }

    /** A feed that first catches up everything after {@code lastSeenSeq}. */
    static RoomFeed from(long lastSeenSeq, int maxHeld) {
        return new RoomFeed(lastSeenSeq, true, maxHeld);
    }

    /** A feed that starts with the next live message. */
    static RoomFeed live(int maxHeld) {
        return new RoomFeed(UNKNOWN, false, maxHeld);
    }

    /**
     * Offers a live message. Emits it when it is the next one; holds it while catching up; drops a
     * duplicate. Returns the seq to catch up after when the message reveals a hole: the caller then
     * runs the catch-up.
     */
    synchronized OptionalLong offer(Delivery delivery, Consumer<byte[]> emit) {
        if (closed) {
            return OptionalLong.empty();
        }
        if (catchingUp) {
            hold(delivery);
            return OptionalLong.empty();
        }
        if (lastSeq == UNKNOWN || delivery.seq() == lastSeq + 1) {
            lastSeq = delivery.seq();
            emit.accept(delivery.frame());
            return OptionalLong.empty();
        }
        if (delivery.seq() <= lastSeq) {
            return OptionalLong.empty();
        }
        catchingUp = true;
        hold(delivery);
        return OptionalLong.of(lastSeq);
    }

    /**
     * Switches to catching up from the last seq sent, unless the feed is catching up already or
     * has no position. Returns that seq when the caller is to run the catch-up.
     */
    synchronized OptionalLong beginCatchUp() {
        if (closed || catchingUp || lastSeq == UNKNOWN) {
            return OptionalLong.empty();
        }
        catchingUp = true;
        return OptionalLong.of(lastSeq);
    }

    /** Emits a message read from the database during a catch-up unless the socket has it already. */
    synchronized void caughtUp(Delivery delivery, Consumer<byte[]> emit) {
        if (!closed && (lastSeq == UNKNOWN || delivery.seq() > lastSeq)) {
            lastSeq = delivery.seq();
            emit.accept(delivery.frame());
        }
    }

    /**
     * A position beyond the room's last seq (a client's lastSeenSeq from before a database
     * restore) would make every later message look like a duplicate: it is brought down.
     */
    synchronized void clampTo(long roomLastSeq) {
        if (lastSeq > roomLastSeq) {
            lastSeq = roomLastSeq;
        }
    }

    /**
     * Ends a catch-up: emits the held live messages that follow on without a hole. Returns the seq
     * to catch up after if a hole remains, or live messages were dropped meanwhile (the feed then
     * stays in catch-up).
     */
    synchronized OptionalLong finishCatchUp(Consumer<byte[]> emit) {
        if (closed) {
            return OptionalLong.empty();
        }
        while (!held.isEmpty()) {
            Map.Entry<Long, Delivery> next = held.firstEntry();
            long seq = next.getKey();
            if (lastSeq != UNKNOWN && seq > lastSeq + 1) {
                return OptionalLong.of(lastSeq);
            }
            held.pollFirstEntry();
            if (lastSeq == UNKNOWN || seq > lastSeq) {
                lastSeq = seq;
                emit.accept(next.getValue().frame());
            }
        }
        if (droppedLive) {
            droppedLive = false;
            return OptionalLong.of(lastSeq);
        }
        catchingUp = false;
        return OptionalLong.empty();
    }

    /** The position the running catch-up reads after. */
    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized boolean isCatchingUp() {
        return catchingUp;
    }

    synchronized int heldCount() {
        return held.size();
    }

    /** Hands the feed its running catch-up, which it stops when closed. */
    void runs(Disposable catchUp) {
        boolean stop;
        synchronized (this) {
            stop = closed;
            if (!stop) {
                this.catchUp = catchUp;
            }
        }
        if (stop) {
            catchUp.dispose();
        }
    }

    /** The catch-up ended (caught up or given up); the feed stays as it is. */
    synchronized void catchUpEnded() {
        catchUp = null;
    }

    synchronized boolean hasCatchUp() {
        return catchUp != null && !catchUp.isDisposed();
    }

    /** Stops the feed: its catch-up is cancelled, held messages are freed, nothing more is emitted. */
    void close() {
        Disposable running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            held.clear();
            running = catchUp;
            catchUp = null;
        }
        if (running != null) {
            running.dispose();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void hold(Delivery delivery) {
        if (held.size() < maxHeld || held.containsKey(delivery.seq())) {
            held.put(delivery.seq(), delivery);
        } else {
            droppedLive = true;
        }
    }
}
