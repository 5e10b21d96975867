package parley.application.fake;

import java.util.Objects;
import parley.application.port.out.RoomStore;
import parley.application.model.RoomSummary;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rooms in an {@link InMemoryChat}; figures are computed from its memberships and messages. */
public final class InMemoryRoomStore implements RoomStore {

    private final InMemoryChat chat;

    public InMemoryRoomStore(InMemoryChat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @Override
    public Mono<Room> insert(Room room, Membership owner) {
        return Mono.fromCallable(() -> chat.insertRoom(room, owner));
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
        return Flux.defer(() -> Flux.fromIterable(chat.roomsOf(userId)));
    }

    @Override
    public Mono<Creations> createdSince(UserId userId, java.time.Instant since) {
        return Mono.fromCallable(() -> {
            var created = chat.createdSince(userId, since);
            return new Creations(created.size(), created.isEmpty() ? null : created.getFirst().createdAt());
        });
    }

    @Override
    public Flux<RoomId> findRoomIdsOf(UserId userId) {
        return Flux.defer(() -> Flux.fromIterable(chat.roomsOf(userId)).map(summary -> summary.room().id()));
    }

    @Override
    public Mono<RoomSummary> summary(RoomId roomId, UserId userId) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.summary(roomId, userId)));
    }

    @Override
    public Flux<RoomSummary> discover(UserId userId, String query, int limit) {
        return Flux.defer(() -> Flux.fromIterable(chat.discover(userId, query, limit)));
    }
}
