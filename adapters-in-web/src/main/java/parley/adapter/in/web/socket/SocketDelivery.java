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
import parley.application.model.RoomSignal;
import parley.application.port.out.ConnectedClients;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
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
    public Mono<Void> deliver(RoomSignal signal) {
        return Mono.fromRunnable(() -> {
            switch (signal) {
                case RoomSignal.Typing typing -> {
                    Set<ChatSession> watching = registry.watching(typing.roomId());
                    if (watching.isEmpty()) {
                        return;
                    }
                    Map<ServerFrames, byte[]> encoded = new HashMap<>(2);
                    watching.stream().filter(s -> !s.userId().equals(typing.userId())).forEach(s -> s.emit(
                            encoded.computeIfAbsent(s.frames(), frames -> frames.typing(typing.roomId(), typing.userId()))));
                }
                case RoomSignal.MemberLeft left -> {
                    registry.watching(left.roomId()).stream().filter(s -> s.userId().equals(left.userId())).toList()
                            .forEach(s -> registry.unwatch(s, left.roomId()));
                }
                case RoomSignal.PresenceChanged presence -> presenceFrames.deliver(presence, registry.watchers());
            }
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
