package parley.adapter.in.web.socket;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * Who is connected to this gateway and which rooms each socket watches: sockets admitted (within
 * {@code sockets-per-user}) and let go, rooms watched (within {@code rooms-per-socket}) and left,
 * and the catch-up a join with {@code lastSeenSeq} starts. {@link SocketDelivery} reads it to push.
 */
@Component
class SocketRegistry {

    private final RoomWatchers watchers = new RoomWatchers();
    private final Map<UserId, Set<ChatSession>> socketsOfUser = new ConcurrentHashMap<>();
    private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();
    private final CatchUps catchUps;
    private final SocketSettings settings;
    private volatile boolean closing;

    SocketRegistry(CatchUps catchUps, SocketSettings settings) {
        this.catchUps = catchUps;
        this.settings = settings;
    }

    /**
     * Registers a socket, unless its user has {@code sockets-per-user} open on this gateway already
     * or the gateway is shutting down. Returns whether it was registered.
     */
    boolean register(ChatSession session) {
        if (closing) {
            return false;
        }
        AtomicBoolean added = new AtomicBoolean();
        socketsOfUser.compute(session.userId(), (user, open) -> {
            Set<ChatSession> set = open != null ? open : ConcurrentHashMap.newKeySet();
            if (set.size() < settings.socketsPerUser()) {
                added.set(set.add(session));
            }
            return set.isEmpty() ? null : set;
        });
        if (added.get()) {
            sessions.add(session);
        }
        return added.get();
    }

    void unregister(ChatSession session) {
        if (!sessions.remove(session)) {
            return;
        }
        socketsOfUser.computeIfPresent(session.userId(), (user, open) -> {
            open.remove(session);
            return open.isEmpty() ? null : open;
        });
        for (RoomId room : Set.copyOf(session.rooms())) {
            unwatch(session, room);
        }
    }

    int connectedSockets() {
        return sessions.size();
    }

    /** The sockets watching {@code roomId}. */
    Set<ChatSession> watching(RoomId roomId) {
        return watchers.of(roomId);
    }

    /** The user's sockets on this gateway. */
    Set<ChatSession> socketsOf(UserId userId) {
        Set<ChatSession> open = socketsOfUser.get(userId);
        return open == null ? Set.of() : Collections.unmodifiableSet(open);
    }

    /** Every registered socket. */
    Set<ChatSession> sessions() {
        return Collections.unmodifiableSet(sessions);
    }

    RoomWatchers watchers() {
        return watchers;
    }

    boolean isClosing() {
        return closing;
    }

    /** New sockets are taken again (the gateway was started again after a stop). */
    void reopen() {
        closing = false;
    }

    /** From now on every new socket is refused; the open ones are closed with 1001 (going away). */
    void closeAll(String reason) {
        closing = true;
        for (ChatSession session : Set.copyOf(sessions)) {
            session.closeWith(CloseCodes.GOING_AWAY, reason);
        }
    }

    /**
     * Starts delivering the room's messages to the socket; {@code joined} (which answers the join)
     * runs first. With {@code lastSeenSeq}, live messages are held while everything after it is
     * read from the database. Joining a room again replaces the previous feed and stops its
     * catch-up. Refused with LIMIT_REACHED when the socket watches {@code rooms-per-socket} rooms.
     */
    void watch(ChatSession session, RoomId roomId, Long lastSeenSeq, Runnable joined) {
        if (!session.watches(roomId) && session.watchedRooms() >= settings.roomsPerSocket()) {
            throw new UseCaseException(ErrorCode.LIMIT_REACHED, "a socket may watch at most " + settings.roomsPerSocket()
                    + " rooms; leave one first");
        }
        RoomFeed feed = lastSeenSeq == null
                ? RoomFeed.live(settings.maxHeldPerFeed())
                : RoomFeed.from(lastSeenSeq, settings.maxHeldPerFeed());
        session.watch(roomId, feed);
        watchers.add(roomId, session);
        joined.run();
        if (lastSeenSeq != null) {
            startCatchUp(session, roomId, feed);
        }
    }

    void unwatch(ChatSession session, RoomId roomId) {
        session.unwatch(roomId);
        watchers.remove(roomId, session);
    }

    /** Runs the feed's catch-up; given up, the socket stops watching the room (unless it joined it again meanwhile). */
    void startCatchUp(ChatSession session, RoomId roomId, RoomFeed feed) {
        catchUps.start(session, roomId, feed, () -> {
            if (session.feed(roomId) == feed) {
                unwatch(session, roomId);
            }
        });
    }

    /** Rooms with at least one watching socket on this gateway. */
    int watchedRooms() {
        return watchers.rooms();
    }
}
