package parley.adapter.in.web.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.socket.RoomFeed.Delivery;
import parley.application.port.in.CatchUpQuery;
import parley.application.port.out.ConnectedClients;
import parley.application.port.out.RoomSignal;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import reactor.core.publisher.Mono;

/**
 * The sockets of this gateway and the rooms they watch. Delivers persisted messages (each encoded
 * once per message, not per socket) and room signals, and runs catch-ups: on a join with
 * {@code lastSeenSeq}, and whenever a live message reveals a hole in what a socket has seen.
 */
@Component
class SocketRegistry implements ConnectedClients {

    private static final Logger log = LoggerFactory.getLogger(SocketRegistry.class);
    private static final Duration BULK_PAUSE = Duration.ofMillis(5);

    private final Map<RoomId, Set<ChatSession>> watchers = new ConcurrentHashMap<>();
    private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();
    private final CatchUpQuery catchUpQuery;
    private final FrameCodec codec;
    private final SocketSettings settings;

    SocketRegistry(CatchUpQuery catchUpQuery, FrameCodec codec, SocketSettings settings) {
        this.catchUpQuery = catchUpQuery;
        this.codec = codec;
        this.settings = settings;
    }

    void register(ChatSession session) {
        sessions.add(session);
    }

    void unregister(ChatSession session) {
        sessions.remove(session);
        for (RoomId room : Set.copyOf(session.rooms())) {
            unwatch(session, room);
        }
    }

    int connectedSockets() {
        return sessions.size();
    }

    /**
     * Starts delivering the room's messages to the socket. With {@code lastSeenSeq}, live messages
     * are held while everything after it is read from the database; the returned Mono is that
     * catch-up (empty without lastSeenSeq) and must be subscribed after the join is acknowledged.
     */
    Mono<Void> watch(ChatSession session, RoomId roomId, Long lastSeenSeq) {
        RoomFeed feed = lastSeenSeq == null ? RoomFeed.live() : RoomFeed.from(lastSeenSeq);
        session.watch(roomId, feed);
        watchers.computeIfAbsent(roomId, id -> ConcurrentHashMap.newKeySet()).add(session);
        return lastSeenSeq == null ? Mono.empty() : catchUp(session, roomId, feed, lastSeenSeq);
    }

    void unwatch(ChatSession session, RoomId roomId) {
        session.unwatch(roomId);
        watchers.computeIfPresent(roomId, (id, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
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
                Set<ChatSession> watching = watchers.get(message.roomId());
                if (watching != null && !watching.isEmpty()) {
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
        if (feed == null) {
            return;
        }
        for (Delivery delivery : deliveries) {
            OptionalLong hole = feed.offer(delivery, session::emit);
            if (hole.isPresent()) {
                catchUpInBackground(session, roomId, feed, hole.getAsLong());
            }
        }
    }

    @Override
    public Mono<Void> deliver(RoomSignal signal) {
        return Mono.fromRunnable(() -> {
            switch (signal) {
                case RoomSignal.Typing typing -> {
                    Set<ChatSession> watching = watchers.getOrDefault(typing.roomId(), Set.of());
                    if (watching.isEmpty()) {
                        return;
                    }
                    byte[] frame = codec.typing(typing.roomId(), typing.userId());
                    watching.stream().filter(s -> !s.userId().equals(typing.userId())).forEach(s -> s.emit(frame));
                }
                case RoomSignal.MemberLeft left -> {
                    Set<ChatSession> watching = watchers.getOrDefault(left.roomId(), Set.of());
                    watching.stream().filter(s -> s.userId().equals(left.userId())).toList()
                            .forEach(s -> unwatch(s, left.roomId()));
                }
                case RoomSignal.PresenceChanged presence -> {
                    byte[] frame = codec.presence(presence.userId(), presence.online());
                    for (ChatSession session : sessions) {
                        if (!session.userId().equals(presence.userId())
                                && session.rooms().stream().anyMatch(presence.rooms()::contains)) {
                            session.emit(frame);
                        }
                    }
                }
            }
        });
    }

    @Override
    public Mono<Void> resynchronize() {
        return Mono.fromRunnable(() -> {
            for (ChatSession session : sessions) {
                for (RoomId roomId : Set.copyOf(session.rooms())) {
                    RoomFeed feed = session.feed(roomId);
                    long last = feed == null ? -1 : feed.lastSeq();
                    if (last >= 0) {
                        catchUpInBackground(session, roomId, feed, last);
                    }
                }
            }
        });
    }

    void catchUpInBackground(ChatSession session, RoomId roomId, RoomFeed feed, long afterSeq) {
        catchUp(session, roomId, feed, afterSeq).subscribe(null, error -> catchUpFailed(session, roomId, error));
    }

    private Mono<Void> catchUp(ChatSession session, RoomId roomId, RoomFeed feed, long afterSeq) {
        return catchUpQuery.messagesAfter(roomId, session.userId(), afterSeq)
                .takeWhile(message -> !session.isClosed())
                .concatMap(message -> roomForBulk(session)
                        .then(Mono.fromRunnable(() -> feed.caughtUp(new Delivery(message, codec.newMessage(message)), session::emit))), 1)
                .then(Mono.defer(() -> {
                    OptionalLong hole = feed.finishCatchUp(session::emit);
                    return hole.isPresent() ? catchUp(session, roomId, feed, hole.getAsLong()) : Mono.<Void>empty();
                }))
                .timeout(settings.catchUpTimeout());
    }

    /**
     * A socket that could not be caught up stops watching the room (so nothing is held for it) and
     * is told to join again with its lastSeenSeq; it never silently misses messages.
     */
    void catchUpFailed(ChatSession session, RoomId roomId, Throwable error) {
        log.warn("catch-up of room {} for connection {} failed: {}", roomId, session.connection(), error.toString());
        unwatch(session, roomId);
        session.emit(codec.error(null, "CATCH_UP_FAILED",
                "could not deliver the history of room " + roomId + "; join it again with lastSeenSeq"));
    }

    private static Mono<Void> roomForBulk(ChatSession session) {
        return Mono.defer(() -> session.hasRoomForBulk() || session.isClosed()
                ? Mono.<Void>empty()
                : Mono.delay(BULK_PAUSE).then(roomForBulk(session)));
    }
}
