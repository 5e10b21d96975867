package parley.adapter.in.web.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import parley.domain.room.RoomId;

/**
 * Which of this gateway's sockets watch which room. Adding and removing are atomic per room: a
 * socket added while the room's last other watcher leaves can never land in a set that the leave
 * has just dropped from the index (it would then miss the room's messages without knowing).
 */
final class RoomWatchers {

    private final Map<RoomId, Set<ChatSession>> byRoom = new ConcurrentHashMap<>();
    private final Supplier<Set<ChatSession>> newSet;

    RoomWatchers() {
        this(ConcurrentHashMap::newKeySet);
    }

    /** With the sets a room's watchers are kept in made by {@code newSet} (thread-safe sets). */
    RoomWatchers(Supplier<Set<ChatSession>> newSet) {
        this.newSet = newSet;
    }

    void add(RoomId roomId, ChatSession session) {
        // the add runs inside compute, under the room's lock, not after it on a set that may be gone
        byRoom.compute(roomId, (id, watching) -> {
            Set<ChatSession> set = watching != null ? watching : newSet.get();
            set.add(session);
            return set;
        });
    }

    void remove(RoomId roomId, ChatSession session) {
        byRoom.computeIfPresent(roomId, (id, watching) -> {
            watching.remove(session);
            return watching.isEmpty() ? null : watching;
        });
    }

    /** The sockets watching the room (a live view; empty when none). */
    Set<ChatSession> of(RoomId roomId) {
        return byRoom.getOrDefault(roomId, Set.of());
    }

    /** Rooms with at least one watching socket. */
    int rooms() {
        return byRoom.size();
    }
}
