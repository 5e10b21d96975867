package parley.application.service;

import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import parley.application.model.MemberChange;
import parley.application.port.in.JoinRoomUseCase;
import parley.application.port.in.LeaveRoomUseCase;
import parley.application.port.in.ListRoomMembersQuery;
import parley.application.port.in.MembersPage;
import parley.application.port.in.RoomMember;
import parley.application.port.out.InvitationStore;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.PresenceStore;
import parley.application.port.out.UserStore;
import parley.domain.room.Membership;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.room.RoomRuleViolation;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.DisplayName;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Joining, leaving and listing the members of a room. */
public final class MembershipService implements JoinRoomUseCase, LeaveRoomUseCase, ListRoomMembersQuery {

    private static final DisplayName UNKNOWN = DisplayName.of("(deleted user)");

    private final MembershipStore memberships;
    private final InvitationStore invitations;
    private final MembershipGuard guard;
    private final UserStore users;
    private final PresenceStore presence;
    private final RoomAnnouncements announcements;
    private final InstantSource clock;
    private final RoomLimits limits;

    public MembershipService(MembershipStore memberships, InvitationStore invitations, MembershipGuard guard, UserStore users,
                             PresenceStore presence, RoomAnnouncements announcements, InstantSource clock, RoomLimits limits) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.guard = guard;
        this.users = users;
        this.presence = presence;
        this.announcements = announcements;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Joins a group room as MEMBER; joining again returns the membership one has. A banned user
     * cannot join (BANNED; a private room stays not found), a private room needs a pending
     * invitation, which the join consumes (a public room's pending invitation is consumed too), and a
     * direct room cannot be joined at all (the room's rules). The ban is read again after the row is
     * inserted, so a ban that lands meanwhile still keeps the user out (see {@link MembershipStore#ban}).
     */
    @Override
    public Mono<Membership> join(RoomId roomId, UserId userId) {
        return guard.inRoom(roomId, userId)
                .flatMap(in -> in.membership() != null
                        ? joinChecked(in, roomId, userId, false, false)
                        : memberships.isBanned(roomId, userId).flatMap(banned -> invitations.find(roomId, userId).hasElement()
                                .flatMap(invited -> joinChecked(in, roomId, userId, invited, banned))))
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId));
    }

    private Mono<Membership> joinChecked(MembershipGuard.InRoom in, RoomId roomId, UserId userId, boolean invited, boolean banned) {
        in.policy().requireMayJoin(in.membership(), invited, banned);
        if (in.membership() != null) {
            return Mono.just(in.membership());
        }
        return memberships.join(Membership.member(roomId, userId, clock.instant()))
                .flatMap(joined -> memberships.isBanned(roomId, userId).flatMap(bannedMeanwhile -> bannedMeanwhile
                        ? memberships.leave(roomId, userId).then(Mono.<Membership>error(in.policy().bannedRefusal()))
                        : Mono.just(joined)))
                .flatMap(joined -> (invited ? invitations.remove(roomId, userId).then() : Mono.<Void>empty())
                        .then(guard.forget(roomId, userId))
                        .then(announcements.member(joined, MemberChange.JOINED))
                        .thenReturn(joined));
    }

    /**
     * Leaves the room, forgets the cached answer, and tells every gateway so that the user's open
     * sockets stop receiving the room and the room learns who left (and who owns it now). If that
     * announcement is lost (Redis down), a socket can go on receiving the room until it
     * reconnects: the membership itself is gone either way.
     */
    @Override
    public Mono<Void> leave(RoomId roomId, UserId userId) {
        return guard.inRoom(roomId, userId)
                .flatMap(in -> {
                    if (in.membership() == null) {
                        // harmless for a public room; a private one does not exist for a non-member
                        if (!in.policy().visibleToNonMembers()) {
                            return Mono.error(in.policy().nonMemberRefusal());
                        }
                        return Mono.just(Departure.NONE);
                    }
                    if (in.membership().role() != Role.OWNER) {
                        in.policy().leave(in.membership(), List.of());
                        return memberships.leave(roomId, userId).map(left -> new Departure(left, null));
                    }
                    // the owner hands the room on to the longest-standing admin, else member
                    return memberships.seniors(roomId, userId).collectList().flatMap(seniors -> {
                        Membership successor = in.policy().leave(in.membership(), seniors).orElse(null);
                        return memberships.leaveHandingOver(roomId, userId, successor).map(left -> new Departure(left, successor));
                    });
                })
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                .flatMap(departure -> guard.forget(roomId, userId)
                        .then(departure.left() ? announcements.departed(roomId, userId, MemberChange.LEFT)
                                // not in it (or a concurrent leave won): still make sure no socket of theirs watches it
                                : announcements.notInRoom(roomId, userId))
                        .then(departure.left() && departure.successor() != null
                                ? announcements.member(departure.successor(), MemberChange.ROLE_CHANGED)
                                : Mono.empty()));
    }

    /** Whether this leave deleted the membership, and who owns the room now when the owner left. */
    private record Departure(boolean left, Membership successor) {
        static final Departure NONE = new Departure(false, null);
    }

    /** One extra member is read to tell whether another page follows; presence is asked for one page only. */
    @Override
    public Mono<MembersPage> members(RoomId roomId, UserId caller, UserId after, Integer limit) {
        int size = limit == null ? limits.membersPageDefault() : limit;
        if (size < 1 || size > limits.membersPageMax()) {
            return Mono.error(new InvalidValueException("limit", "must be between 1 and " + limits.membersPageMax()));
        }
        return guard.requireMember(roomId, caller)
                .then(memberships.members(roomId, after, size + 1).collectList())
                .flatMap(read -> {
                    List<Membership> page = read.size() > size ? read.subList(0, size) : read;
                    return describe(page).collectList().map(members -> new MembersPage(members, read.size() > size));
                });
    }

    private Flux<RoomMember> describe(List<Membership> members) {
        List<UserId> userIds = members.stream().map(Membership::userId).toList();
        Mono<Set<UserId>> online = presence.online(userIds).onErrorReturn(Set.of());
        return users.displayNames(userIds)
                .zipWith(online, (names, onlineIds) -> members.stream()
                        .map(m -> new RoomMember(m, names.getOrDefault(m.userId(), UNKNOWN), onlineIds.contains(m.userId())))
                        .toList())
                .flatMapIterable(list -> list);
    }
}
