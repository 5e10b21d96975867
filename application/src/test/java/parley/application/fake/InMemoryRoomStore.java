package parley.application.fake;

import java.util.Objects;
import parley.application.port.out.RoomStore;
import parley.application.model.RoomSummary;
import parley.application.model.DirectPeer;
import parley.domain.room.DirectPair;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.room.RoomKind;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rooms in an {@link InMemoryChat}; figures are computed from its memberships and messages. */
public final class InMemoryRoomStore implements RoomStore {

    private final InMemoryChat chat;
    private final InMemoryUserStore users;

    /** Without users, a direct room's summary has no peer. */
    public InMemoryRoomStore(InMemoryChat chat) {
        this(chat, null);
    }

    /** With {@code users}, a direct room's summary names the viewer's peer, as the real store's join does. */
    public InMemoryRoomStore(InMemoryChat chat, InMemoryUserStore users) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.users = users;
    }

    private RoomSummary withPeer(RoomSummary summary, UserId viewer) {
        DirectPair pair = summary.room().direct();
        if (users == null || pair == null || !pair.contains(viewer)) {
            return summary;
        }
        UserId peer = pair.peerOf(viewer);
        return users.find(peer).map(user -> summary.withPeer(new DirectPeer(peer, user.displayName()))).orElse(summary);
    }

    @Override
    public Mono<Room> insert(Room room, Membership owner) {
        return Mono.fromCallable(() -> chat.insertRoom(room, owner));
    }

    @Override
    public Mono<Room> insertDirect(Room room, Membership first, Membership second) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.insertDirect(room, first, second)));
    }

    @Override
    public Mono<Room> findDirect(DirectPair pair) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.directRoom(pair)));
    }

    @Override
    public Mono<Room> findById(RoomId id) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.room(id)));
    }

    @Override
    public Mono<Room> update(RoomId id, RoomChanges changes) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.updateRoom(id, changes)));
    }

    @Override
    public Flux<RoomSummary> findRoomsOf(UserId userId) {
        return Flux.defer(() -> Flux.fromIterable(chat.roomsOf(userId))).map(summary -> withPeer(summary, userId));
    }

    @Override
    public Mono<Creations> createdSince(UserId userId, RoomKind kind, java.time.Instant since) {
        return Mono.fromCallable(() -> {
            var created = chat.createdSince(userId, kind, since);
            return new Creations(created.size(), created.isEmpty() ? null : created.getFirst().createdAt());
        });
    }

    @Override
    public Flux<RoomId> findRoomIdsOf(UserId userId) {
        return Flux.defer(() -> Flux.fromIterable(chat.roomsOf(userId)).map(summary -> summary.room().id()));
    }

    @Override
    public Mono<RoomSummary> summary(RoomId roomId, UserId userId) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.summary(roomId, userId))).map(summary -> withPeer(summary, userId));
    }

    @Override
    public Flux<RoomSummary> discover(UserId userId, String query, int limit) {
        return Flux.defer(() -> Flux.fromIterable(chat.discover(userId, query, limit)));
    }
}
