package parley.application.service;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.model.MemberChange;
import parley.application.port.in.ModerateRoomUseCase;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.UserStore;
import parley.domain.room.BanReason;
import parley.domain.room.Membership;
import parley.domain.room.Role;
import parley.domain.room.RoomBan;
import parley.domain.room.RoomId;
import parley.domain.room.RoomPolicy;
import parley.domain.room.RoomRuleViolation;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Role changes, removal and bans. The caller's and the target's memberships are read from the store
 * (never the cache: roles decide); after a removal or ban the user's cached answer is forgotten and
 * every gateway told, so their sockets stop receiving the room and their next send is refused.
 */
public final class ModerationService implements ModerateRoomUseCase {

    private final MembershipStore memberships;
    private final MembershipGuard guard;
    private final UserStore users;
    private final RoomAnnouncements announcements;
    private final InstantSource clock;
    private final RoomLimits limits;

    public ModerationService(MembershipStore memberships, MembershipGuard guard, UserStore users, RoomAnnouncements announcements,
                             InstantSource clock, RoomLimits limits) {
        this.memberships = memberships;
        this.guard = guard;
        this.users = users;
        this.announcements = announcements;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Mono<Membership> changeRole(RoomId roomId, UserId caller, UserId target, Role role) {
        return withTarget(roomId, caller, target)
                .flatMap(act -> {
                    RoomPolicy.RoleChange change = act.policy().changeRole(act.caller(), act.target(), role);
                    List<Membership> changed = new ArrayList<>();
                    changed.add(change.target());
                    change.formerOwner().ifPresent(changed::add);
                    return memberships.updateRoles(changed).flatMap(stored -> stored
                            ? Flux.fromIterable(changed).concatMap(member -> announcements.member(member, MemberChange.ROLE_CHANGED))
                                    .then(Mono.just(change.target()))
                            // the target left (or the caller's own row went) between the read and the update
                            : Mono.error(new UseCaseException(ErrorCode.MEMBER_NOT_FOUND, "that user is no longer a member of this room")));
                })
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId));
    }

    @Override
    public Mono<Void> remove(RoomId roomId, UserId caller, UserId target) {
        return withTarget(roomId, caller, target)
                .flatMap(act -> {
                    act.policy().requireMayRemove(act.caller(), act.target());
                    return memberships.leave(roomId, target);
                })
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                .then(Mono.defer(() -> dropFromRoom(roomId, target, MemberChange.REMOVED)));
    }

    @Override
    public Mono<RoomBan> ban(RoomId roomId, UserId caller, UserId target, BanReason reason) {
        return withTarget(roomId, caller, target)
                .flatMap(act -> {
                    act.policy().requireMayBan(act.caller(), target, act.target());
                    return act.target() != null ? Mono.just(true) : users.findById(target).hasElement();
                })
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                .flatMap(exists -> {
                    if (!exists) {
                        return Mono.error(new UseCaseException(ErrorCode.USER_NOT_FOUND, "user " + target + " does not exist"));
                    }
                    RoomBan ban = new RoomBan(roomId, target, caller, reason, clock.instant());
                    return memberships.ban(ban).then(dropFromRoom(roomId, target, MemberChange.BANNED)).thenReturn(ban);
                });
    }

    @Override
    public Mono<Void> unban(RoomId roomId, UserId caller, UserId target) {
        return requireModerator(roomId, caller).then(memberships.unban(roomId, target)).then();
    }

    @Override
    public Flux<RoomBan> bans(RoomId roomId, UserId caller, UserId after, Integer limit) {
        int size = limit == null ? limits.membersPageDefault() : limit;
        if (size < 1 || size > limits.membersPageMax()) {
            return Flux.error(new InvalidValueException("limit", "must be between 1 and " + limits.membersPageMax()));
        }
        return requireModerator(roomId, caller).thenMany(memberships.bans(roomId, after, size));
    }

    /** The room, the caller's membership and the target's, as stored now (either may be null: not a member). */
    private Mono<Act> withTarget(RoomId roomId, UserId caller, UserId target) {
        return guard.inRoom(roomId, caller).flatMap(in -> memberships.find(roomId, target)
                .map(found -> new Act(in, found))
                .defaultIfEmpty(new Act(in, null)));
    }

    private record Act(MembershipGuard.InRoom in, Membership target) {

        RoomPolicy policy() {
            return in.policy();
        }

        Membership caller() {
            return in.membership();
        }
    }

    private Mono<Void> requireModerator(RoomId roomId, UserId caller) {
        return guard.inRoom(roomId, caller)
                .doOnNext(in -> in.policy().requireMayManageBans(in.membership()))
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                .then();
    }

    /** The user is out: forget the cached answer, and tell every gateway (their sockets stop watching, the room is told). */
    private Mono<Void> dropFromRoom(RoomId roomId, UserId userId, MemberChange change) {
        return guard.forget(roomId, userId).then(announcements.departed(roomId, userId, change));
    }
}
