package parley.application.fake;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import parley.application.port.out.MembershipStore;
import parley.domain.message.MessageId;
import java.util.List;
import parley.domain.room.Membership;
import parley.domain.room.RoomBan;
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
    public Mono<Boolean> leaveHandingOver(RoomId roomId, UserId userId, Membership successor) {
        return Mono.fromCallable(() -> chat.leaveHandingOver(roomId, userId, successor));
    }

    @Override
    public Mono<Boolean> updateRoles(List<Membership> changed) {
        return Mono.fromCallable(() -> chat.updateRoles(changed));
    }

    @Override
    public Flux<Membership> seniors(RoomId roomId, UserId excluding) {
        return Flux.defer(() -> Flux.fromIterable(chat.seniors(roomId, excluding)));
    }

    @Override
    public Mono<Void> ban(RoomBan ban) {
        return Mono.fromRunnable(() -> chat.ban(ban));
    }

    @Override
    public Mono<Boolean> unban(RoomId roomId, UserId userId) {
        return Mono.fromCallable(() -> chat.unban(roomId, userId));
    }

    @Override
    public Mono<Boolean> isBanned(RoomId roomId, UserId userId) {
        return Mono.fromCallable(() -> chat.isBanned(roomId, userId));
    }

    @Override
    public Flux<RoomBan> bans(RoomId roomId, UserId after, int limit) {
        return Flux.defer(() -> Flux.fromIterable(chat.bans(roomId, after, limit)));
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
