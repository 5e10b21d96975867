package parley.application.service;

import parley.application.UseCaseException;
import parley.application.port.out.MembershipCache;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.RoomStore;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomId;
import parley.domain.room.RoomPolicy;
import parley.domain.room.RoomRuleViolation;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Answers "may this user act in this room?" for every use case. Positive answers come from the
 * cache when it has them; the store decides otherwise, and then tells unknown rooms (404) from
 * public rooms the user is not in (403); a private room the user is not in answers as an unknown
 * one (404), so nothing tells it exists. A cache that fails is skipped, never trusted.
 */
public final class MembershipGuard {

    private final MembershipCache cache;
    private final MembershipStore memberships;
    private final RoomStore rooms;

    public MembershipGuard(MembershipCache cache, MembershipStore memberships, RoomStore rooms) {
        this.cache = cache;
        this.memberships = memberships;
        this.rooms = rooms;
    }

    /** Completes empty when the user is a member; errors with NOT_A_MEMBER or ROOM_NOT_FOUND otherwise. */
    public Mono<Void> requireMember(RoomId roomId, UserId userId) {
        return cache.isMember(roomId, userId)
                .onErrorResume(e -> Mono.empty())
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.defer(() -> memberInStore(roomId, userId)))
                .then();
    }

    /** Completes empty when the room exists; errors with ROOM_NOT_FOUND otherwise. */
    public Mono<Void> requireRoom(RoomId roomId) {
        return room(roomId).then();
    }

    /** The room; ROOM_NOT_FOUND when there is none. */
    public Mono<Room> room(RoomId roomId) {
        return rooms.findById(roomId)
                .switchIfEmpty(Mono.error(() -> UseCaseException.roomNotFound(roomId)));
    }

    /**
     * The room and the user's membership of it as stored now (never cached: roles decide), for the
     * room's rules to judge; ROOM_NOT_FOUND when there is no room.
     */
    public Mono<InRoom> inRoom(RoomId roomId, UserId userId) {
        return room(roomId).flatMap(room -> memberships.find(roomId, userId)
                .map(membership -> new InRoom(room, membership))
                .defaultIfEmpty(new InRoom(room, null)));
    }

    /** A room's rule refusing an action, as the use case answers it (a hidden room is not found). */
    public static Throwable refusal(RoomRuleViolation violation, RoomId roomId) {
        return UseCaseException.refusedBy(violation, roomId);
    }

    /** A room and the caller's membership of it; {@code membership} is null for a non-member. */
    public record InRoom(Room room, Membership membership) {

        public RoomPolicy policy() {
            return RoomPolicy.of(room);
        }
    }

    /** Drops the cached answer after a join or leave. Cache failures are ignored: its entries expire. */
    public Mono<Void> forget(RoomId roomId, UserId userId) {
        return cache.forget(roomId, userId).onErrorResume(e -> Mono.empty());
    }

    /**
     * Asks the store, and caches a positive answer. The store is asked again after caching: a leave
     * that ran between the first read and the caching has then already deleted the row, and the
     * stale entry is dropped; a leave after the second read forgets the entry itself.
     */
    private Mono<Boolean> memberInStore(RoomId roomId, UserId userId) {
        return memberships.find(roomId, userId)
                .flatMap(found -> cache.remember(roomId, userId, true).onErrorResume(e -> Mono.empty())
                        .then(memberships.find(roomId, userId))
                        .map(stillThere -> true)
                        .switchIfEmpty(Mono.defer(() -> forget(roomId, userId).then(Mono.<Boolean>empty()))))
                .switchIfEmpty(Mono.defer(() -> room(roomId)
                        .flatMap(room -> Mono.error(refusal(RoomPolicy.of(room).nonMemberRefusal(), roomId)))));
    }
}
