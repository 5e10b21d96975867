package parley.application.fake;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import parley.application.port.out.MembershipStore;
import parley.domain.message.MessageId;
import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Memberships in an {@link InMemoryChat}; joining a room that does not exist fails like a foreign key. */
public final class InMemoryMembershipStore implements MembershipStore {

    private final InMemoryChat chat;
    private final AtomicInteger finds = new AtomicInteger();

    public InMemoryMembershipStore(InMemoryChat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @Override
    public Mono<Membership> join(Membership membership) {
        return Mono.fromCallable(() -> chat.join(membership));
    }

    @Override
    public Mono<Boolean> leave(RoomId roomId, UserId userId) {
        return Mono.fromCallable(() -> chat.leave(roomId, userId));
    }

    @Override
    public Mono<Membership> find(RoomId roomId, UserId userId) {
        return Mono.defer(() -> {
            finds.incrementAndGet();
            return Mono.justOrEmpty(chat.membership(roomId, userId));
        });
    }

    /** How many times a single membership was looked up. */
    public int finds() {
        return finds.get();
    }

    @Override
    public Flux<Membership> members(RoomId roomId, UserId after, int limit) {
        return Flux.defer(() -> Flux.fromIterable(chat.members(roomId, after, limit)));
    }

    @Override
    public Mono<Membership> advanceReadMarker(RoomId roomId, UserId userId, ReadPosition position) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.advanceReadMarker(roomId, userId, position)));
    }
}
