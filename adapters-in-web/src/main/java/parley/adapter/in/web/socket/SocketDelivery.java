package parley.adapter.in.web.socket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.DrivenAdapter;
import parley.adapter.in.web.socket.RoomFeed.Delivery;
import java.util.function.Function;
import java.util.function.Predicate;
import parley.adapter.in.web.RoomJson;
import parley.adapter.in.web.RoomStateJson;
import parley.application.model.RoomSignal;
import parley.application.model.RoomSummary;
import parley.application.port.out.ConnectedClients;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * The core's way to this gateway's sockets ({@link ConnectedClients}): persisted messages (each
 * encoded once per message, not per socket), room signals, and the resynchronisation after the
 * live stream was repositioned. A live message that reveals a hole in what a socket has seen
 * starts that room's catch-up.
 */
@Component
@DrivenAdapter
class SocketDelivery implements ConnectedClients {

    private static final Predicate<ChatSession> EVERYONE = session -> true;

    private final SocketRegistry registry;
    private final PresenceFrames presenceFrames;

    SocketDelivery(SocketRegistry registry, PresenceFrames presenceFrames) {
        this.registry = registry;
        this.presenceFrames = presenceFrames;
    }

    /**
     * Each message is encoded once per wire protocol among its recipients, never once per socket.
     * Every socket then gets all of its frames of the batch back to back, so its writer takes them
     * in one go and flushes once rather than once per frame.
     */
    @Override
    public Mono<Void> deliver(List<Message> messages) {
        return Mono.fromRunnable(() -> {
            Map<RoomId, List<Message>> byRoom = new LinkedHashMap<>();
            Set<ChatSession> recipients = new LinkedHashSet<>();
            for (Message message : messages) {
                Set<ChatSession> watching = registry.watching(message.roomId());
                if (!watching.isEmpty()) {
                    byRoom.computeIfAbsent(message.roomId(), room -> new ArrayList<>()).add(message);
                    recipients.addAll(watching);
                }
            }
            Map<ServerFrames, Map<RoomId, List<Delivery>>> encoded = new HashMap<>(2);
            for (ChatSession session : recipients) {
                encoded.computeIfAbsent(session.frames(), frames -> encode(byRoom, frames))
                        .forEach((roomId, deliveries) -> offer(session, roomId, deliveries));
            }
        });
    }

    private static Map<RoomId, List<Delivery>> encode(Map<RoomId, List<Message>> byRoom, ServerFrames frames) {
        Map<RoomId, List<Delivery>> deliveries = new LinkedHashMap<>();
        byRoom.forEach((roomId, messages) -> deliveries.put(roomId,
                messages.stream().map(message -> new Delivery(message, frames.newMessage(message))).toList()));
        return deliveries;
    }

    private void offer(ChatSession session, RoomId roomId, List<Delivery> deliveries) {
        RoomFeed feed = session.feed(roomId);
        if (feed == null || session.isClosed()) {
            // an entry left behind by a socket that stopped watching while it was being added
            registry.unwatch(session, roomId);
            return;
        }
        for (Delivery delivery : deliveries) {
            if (feed.offer(delivery, session::emit).isPresent()) {
                registry.startCatchUp(session, roomId, feed);
            }
        }
    }

    @Override
    public Mono<Void> deliver(RoomSignal.Passing signal) {
        return Mono.fromRunnable(() -> {
            switch (signal) {
                // the typist is not told about their own typing
                case RoomSignal.Typing typing -> toWatchers(typing.roomId(), s -> !s.userId().equals(typing.userId()),
                        frames -> frames.typing(typing.roomId(), typing.userId()));
                case RoomSignal.MemberLeft left -> stopWatching(left.roomId(), left.userId());
                case RoomSignal.MemberChanged member -> {
                    if (member.change().isDeparture()) {
                        // first out, so that none of the departed user's sockets gets the room's member frame
                        stopWatching(member.roomId(), member.userId());
                        toUser(member.userId(), frames -> frames.removed(member.roomId(), member.change()));
                    }
                    toWatchers(member.roomId(), EVERYONE, frames -> frames.member(member.roomId(), member.userId(), member.change(), member.role()));
                }
                case RoomSignal.MarkerMoved read -> toWatchers(read.roomId(), EVERYONE,
                        frames -> frames.read(read.roomId(), read.userId(), read.lastReadMessageId(), read.lastReadSeq()));
                case RoomSignal.PresenceChanged presence -> presenceFrames.deliver(presence, registry.watchers());
            }
        });
    }

    private void stopWatching(RoomId roomId, UserId userId) {
        registry.watching(roomId).stream().filter(s -> s.userId().equals(userId)).toList()
                .forEach(s -> registry.unwatch(s, roomId));
    }

    /** The frame, encoded once per protocol (and not at all when nobody here watches), to the sockets watching the room that {@code to} picks. */
    private void toWatchers(RoomId roomId, Predicate<ChatSession> to, Function<ServerFrames, byte[]> frame) {
        Set<ChatSession> watching = registry.watching(roomId);
        if (watching.isEmpty()) {
            return;
        }
        Map<ServerFrames, byte[]> encoded = new HashMap<>(2);
        watching.stream().filter(to).forEach(s -> s.emit(encoded.computeIfAbsent(s.frames(), frame)));
    }

    /** The frame, encoded once per protocol, to every socket of the user. */
    private void toUser(UserId userId, Function<ServerFrames, byte[]> frame) {
        Map<ServerFrames, byte[]> encoded = new HashMap<>(2);
        registry.socketsOf(userId).forEach(s -> s.emit(encoded.computeIfAbsent(s.frames(), frame)));
    }

    @Override
    public boolean watches(RoomId roomId) {
        return !registry.watching(roomId).isEmpty();
    }

    @Override
    public boolean reaches(UserId userId) {
        return !registry.socketsOf(userId).isEmpty();
    }

    @Override
    public Mono<Void> roomUpdated(RoomSummary room) {
        return Mono.fromRunnable(() -> {
            RoomStateJson state = RoomJson.from(room).state();
            toWatchers(room.room().id(), EVERYONE, frames -> frames.roomUpdated(state));
        });
    }

    @Override
    public Mono<Void> roomOpened(UserId userId, RoomSummary room) {
        return Mono.fromRunnable(() -> {
            RoomStateJson state = RoomJson.from(room).state();
            toUser(userId, frames -> frames.roomUpdated(state));
        });
    }

    @Override
    public Mono<Void> invited(UserId invitee, RoomSummary room, UserId invitedBy) {
        return Mono.fromRunnable(() -> {
            RoomJson json = RoomJson.from(room);
            toUser(invitee, frames -> frames.invited(json, invitedBy));
        });
    }

    @Override
    public Mono<Void> resynchronize() {
        return Mono.fromRunnable(() -> {
            for (ChatSession session : registry.sessions()) {
                for (RoomId roomId : Set.copyOf(session.rooms())) {
                    RoomFeed feed = session.feed(roomId);
                    if (feed != null && feed.beginCatchUp().isPresent()) {
                        registry.startCatchUp(session, roomId, feed);
                    }
                }
            }
        });
    }
}
