package parley.adapter.in.web.socket;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import parley.domain.message.Message;

/**
 * One socket's view of one joined room: the seq it was last sent, and the live messages that wait
 * while it catches up from the database. It guarantees the socket sees the room's messages in seq
 * order, each once, without holes: a live message that would leave a hole starts a catch-up of the
 * hole first. Frames are emitted while holding this feed's lock, so two threads (the broadcast
 * consumer and a catch-up query) can never interleave one room's frames out of order.
 */
final class RoomFeed {

    /** Nothing sent yet and no starting point known (joined without lastSeenSeq). */
    private static final long UNKNOWN = -1;

    private final TreeMap<Long, Delivery> held = new TreeMap<>();
    private long lastSeq;
    private boolean catchingUp;

    /** A message with its frame, encoded once for every socket of the room. */
    record Delivery(Message message, byte[] frame) {
        long seq() {
            return message.seq();
        }
    }

    private RoomFeed(long lastSeq, boolean catchingUp) {
        this.lastSeq = lastSeq;
        this.catchingUp = catchingUp;
    }

    /** A feed that first catches up everything after {@code lastSeenSeq}. */
    static RoomFeed from(long lastSeenSeq) {
        return new RoomFeed(lastSeenSeq, true);
    }

    /** A feed that starts with the next live message. */
    static RoomFeed live() {
        return new RoomFeed(UNKNOWN, false);
    }

    /**
     * Offers a live message. Emits it when it is the next one; holds it while catching up; drops a
     * duplicate. Returns the seq to catch up after when the message reveals a hole.
     */
    synchronized OptionalLong offer(Delivery delivery, Consumer<byte[]> emit) {
        if (catchingUp) {
            held.put(delivery.seq(), delivery);
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
        held.put(delivery.seq(), delivery);
        return OptionalLong.of(lastSeq);
    }

    /** Emits a message read from the database during a catch-up unless the socket has it already. */
    synchronized void caughtUp(Delivery delivery, Consumer<byte[]> emit) {
        if (lastSeq == UNKNOWN || delivery.seq() > lastSeq) {
            lastSeq = delivery.seq();
            emit.accept(delivery.frame());
        }
    }

    /**
     * Ends a catch-up: emits the held live messages that follow on without a hole. Returns the seq
     * to catch up after if a hole remains (the feed then stays in catch-up).
     */
    synchronized OptionalLong finishCatchUp(Consumer<byte[]> emit) {
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
        catchingUp = false;
        return OptionalLong.empty();
    }

    synchronized long lastSeq() {
        return lastSeq;
    }
}
