package parley.reliability.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the subscribers of rooms received, compared with what was ACCEPTED. */
final class Delivery {

    /**
     * @param expected        accepted messages times the sockets that should have them
     * @param lost            accepted messages some socket never received (must be 0)
     * @param duplicateFrames newMessage frames for a message the socket had already (de-duplicated by id)
     * @param outOfOrder      frames whose seq was not higher than the one before on that socket and room
     */
    record Report(long expected, long received, long lost, long duplicateFrames, long outOfOrder) {
    }

    private Delivery() {
    }

    static boolean complete(Map<String, List<WsClient>> subscribers, Ledger ledger) {
        for (var room : subscribers.entrySet()) {
            Set<String> accepted = ledger.acceptedIds(room.getKey());
            for (WsClient socket : room.getValue()) {
                Set<String> got = new HashSet<>();
                socket.messages(room.getKey()).forEach(m -> got.add(m.id()));
                if (!got.containsAll(accepted)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits (bounded) until every socket has every accepted message of its room; returns the seconds waited. */
    static double awaitComplete(Map<String, List<WsClient>> subscribers, Ledger ledger, Duration timeout) {
        long t0 = System.nanoTime();
        Sleep.until(() -> complete(subscribers, ledger), timeout);
        return Sleep.secondsSince(t0);
    }

    static Report check(Map<String, List<WsClient>> subscribers, Ledger ledger) {
        long expected = 0, received = 0, lost = 0, duplicates = 0, outOfOrder = 0;
        for (var room : subscribers.entrySet()) {
            Set<String> accepted = ledger.acceptedIds(room.getKey());
            for (WsClient socket : room.getValue()) {
                List<WsClient.Received> frames = socket.messages(room.getKey());
                Set<String> got = new HashSet<>();
                long lastSeq = 0;
                for (WsClient.Received m : frames) {
                    if (!got.add(m.id())) {
                        duplicates++;
                    }
                    if (m.seq() <= lastSeq) {
                        outOfOrder++;
                    }
                    lastSeq = Math.max(lastSeq, m.seq());
                }
                expected += accepted.size();
                received += frames.size();
                for (String id : accepted) {
                    if (!got.contains(id)) {
                        lost++;
                    }
                }
            }
        }
        return new Report(expected, received, lost, duplicates, outOfOrder);
    }
}
