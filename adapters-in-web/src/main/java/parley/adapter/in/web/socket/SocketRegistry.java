package parley.adapter.in.web.socket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.socket.RoomFeed.Delivery;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.out.ConnectedClients;
import parley.application.port.out.RoomSignal;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * The sockets of this gateway and the rooms they watch. Delivers persisted messages (each encoded
 * once per message, not per socket) and room signals, and starts catch-ups: on a join with
 * {@code lastSeenSeq}, whenever a live message reveals a hole in what a socket has seen, and when
 * the live stream was repositioned.
 */
@Component
class SocketRegistry implements ConnectedClients {

    private final RoomWatchers watchers = new RoomWatchers();
    private final Map<UserId, Set<ChatSession>> socketsOfUser = new ConcurrentHashMap<>();
    private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();
    private final CatchUps catchUps;
    private final PresenceFrames presenceFrames;
    private final FrameCodec codec;
    private final SocketSettings settings;
    private volatile boolean closing;

    SocketRegistry(CatchUps catchUps, PresenceFrames presenceFrames, FrameCodec codec, SocketSettings settings) {
        this.catchUps = catchUps;
        this.presenceFrames = presenceFrames;
        this.codec = codec;
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

    boolean isClosing() {
        return closing;
    }

    /** From now on every new socket is refused; the open ones are closed with 1001 (going away). */
    void closeAll(String reason) {
        closing = true;
        for (ChatSession session : Set.copyOf(sessions)) {
            session.closeWith(CloseCodes.GOING_AWAY, reason);
        }
    }

    /**
     * Starts delivering the room's messages to the socket; {@code reply} (the join's answer) is
     * emitted first. With {@code lastSeenSeq}, live messages are held while everything after it is
     * read from the database. Joining a room again replaces the previous feed and stops its
     * catch-up. Refused with LIMIT_REACHED when the socket watches {@code rooms-per-socket} rooms.
     */
    void watch(ChatSession session, RoomId roomId, Long lastSeenSeq, byte[] reply) {
        if (!session.watches(roomId) && session.watchedRooms() >= settings.roomsPerSocket()) {
            throw new UseCaseException(ErrorCode.LIMIT_REACHED, "a socket may watch at most " + settings.roomsPerSocket()
                    + " rooms; leave one first");
        }
        RoomFeed feed = lastSeenSeq == null
                ? RoomFeed.live(settings.maxHeldPerFeed())
                : RoomFeed.from(lastSeenSeq, settings.maxHeldPerFeed());
        session.watch(roomId, feed);
        watchers.add(roomId, session);
        session.emit(reply);
        if (lastSeenSeq != null) {
            startCatchUp(session, roomId, feed);
        }
    }

    void unwatch(ChatSession session, RoomId roomId) {
        session.unwatch(roomId);
        watchers.remove(roomId, session);
    }

    /**
     * Each message is encoded once. Every socket then gets all of its frames of the batch back to
     * back, so its writer takes them in one go and flushes once rather than once per frame.
     */
    @Override
    public Mono<Void> deliver(List<Message> messages) {
        return Mono.fromRunnable(() -> {
            Map<RoomId, List<Delivery>> byRoom = new LinkedHashMap<>();
            Set<ChatSession> recipients = new LinkedHashSet<>();
            for (Message message : messages) {
                Set<ChatSession> watching = watchers.of(message.roomId());
                if (!watching.isEmpty()) {
                    byRoom.computeIfAbsent(message.roomId(), room -> new ArrayList<>())
                            .add(new Delivery(message, codec.newMessage(message)));
                    recipients.addAll(watching);
                }
            }
            for (ChatSession session : recipients) {
                byRoom.forEach((roomId, deliveries) -> offer(session, roomId, deliveries));
            }
        });
    }

    private void offer(ChatSession session, RoomId roomId, List<Delivery> deliveries) {
        RoomFeed feed = session.feed(roomId);
        if (feed == null || session.isClosed()) {
            // an entry left behind by a socket that stopped watching while it was being added
            unwatch(session, roomId);
            return;
        }
        for (Delivery delivery : deliveries) {
            if (feed.offer(delivery, session::emit).isPresent()) {
                startCatchUp(session, roomId, feed);
            }
        }
    }

    @Override
    public Mono<Void> deliver(RoomSignal signal) {
        return Mono.fromRunnable(() -> {
            switch (signal) {
                case RoomSignal.Typing typing -> {
                    Set<ChatSession> watching = watchers.of(typing.roomId());
                    if (watching.isEmpty()) {
                        return;
                    }
                    byte[] frame = codec.typing(typing.roomId(), typing.userId());
                    watching.stream().filter(s -> !s.userId().equals(typing.userId())).forEach(s -> s.emit(frame));
                }
                case RoomSignal.MemberLeft left -> {
                    watchers.of(left.roomId()).stream().filter(s -> s.userId().equals(left.userId())).toList()
                            .forEach(s -> unwatch(s, left.roomId()));
                }
                case RoomSignal.PresenceChanged presence -> presenceFrames.deliver(presence, watchers);
            }
        });
    }

    @Override
    public Mono<Void> resynchronize() {
        return Mono.fromRunnable(() -> {
            for (ChatSession session : sessions) {
                for (RoomId roomId : Set.copyOf(session.rooms())) {
                    RoomFeed feed = session.feed(roomId);
                    if (feed != null && feed.beginCatchUp().isPresent()) {
                        startCatchUp(session, roomId, feed);
                    }
                }
            }
        });
    }

    private void startCatchUp(ChatSession session, RoomId roomId, RoomFeed feed) {
        catchUps.start(session, roomId, feed, () -> {
            // given up: stop watching, unless the socket joined the room again meanwhile
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
