package parley.application.service;

import java.time.InstantSource;
import java.util.Optional;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.InviteToRoomUseCase;
import parley.application.port.in.PendingInvitation;
import parley.application.port.out.InvitationStore;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.RoomStore;
import parley.application.port.out.UserStore;
import parley.domain.room.RoomId;
import parley.domain.room.RoomInvitation;
import parley.domain.room.RoomRuleViolation;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Inviting, withdrawing and declining, by the room's rules ({@link parley.domain.room.RoomPolicy}).
 * The invitee's ban is read again after the invitation is stored, as a join does: a ban stores its
 * row before it deletes the user's invitation, so an invitation racing a ban never survives it.
 */
public final class InvitationService implements InviteToRoomUseCase {

    private final InvitationStore invitations;
    private final MembershipStore memberships;
    private final MembershipGuard guard;
    private final RoomStore rooms;
    private final UserStore users;
    private final InstantSource clock;
    private final RoomLimits limits;
    private final RoomAnnouncements announcements;

    public InvitationService(InvitationStore invitations, MembershipStore memberships, MembershipGuard guard, RoomStore rooms,
                             UserStore users, InstantSource clock, RoomLimits limits, RoomAnnouncements announcements) {
        this.announcements = announcements;
        this.invitations = invitations;
        this.memberships = memberships;
        this.guard = guard;
        this.rooms = rooms;
        this.users = users;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Mono<RoomInvitation> invite(RoomId roomId, UserId caller, UserId invitee) {
        return guard.inRoom(roomId, caller)
                .flatMap(in -> memberships.find(roomId, invitee).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(inviteeMembership -> memberships.isBanned(roomId, invitee).flatMap(banned -> {
                            in.policy().requireMayInvite(in.membership(), inviteeMembership.orElse(null), banned);
                            return users.findById(invitee).hasElement();
                        })))
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                .flatMap(exists -> exists
                        ? invitations.find(roomId, invitee).switchIfEmpty(Mono.defer(() -> inviteNew(roomId, caller, invitee)))
                        : Mono.error(new UseCaseException(ErrorCode.USER_NOT_FOUND, "user " + invitee + " does not exist")));
    }

    private Mono<RoomInvitation> inviteNew(RoomId roomId, UserId caller, UserId invitee) {
        return invitations.pendingIn(roomId).flatMap(pending -> {
            if (pending >= limits.invitationsPerRoom()) {
                return Mono.error(new UseCaseException(ErrorCode.LIMIT_REACHED, "this room has " + limits.invitationsPerRoom()
                        + " pending invitations, the most it may have; withdraw some first"));
            }
            return invitations.invite(new RoomInvitation(roomId, invitee, caller, clock.instant()))
                    .flatMap(stored -> memberships.isBanned(roomId, invitee).flatMap(bannedMeanwhile -> bannedMeanwhile
                            ? invitations.remove(roomId, invitee).then(Mono.<RoomInvitation>error(
                                    new UseCaseException(ErrorCode.BANNED, "that user is banned from this room")))
                            : announcements.invited(roomId, invitee, caller).thenReturn(stored)));
        });
    }

    @Override
    public Mono<Void> withdraw(RoomId roomId, UserId caller, UserId invitee) {
        if (caller.equals(invitee)) {
            // declining: one's own pending invitation is enough to see the room
            return invitations.remove(roomId, caller).flatMap(declined -> declined ? Mono.<Void>empty() : guard.inRoom(roomId, caller)
                    .doOnNext(in -> {
                        if (in.membership() == null && !in.policy().visibleToNonMembers()) {
                            throw in.policy().nonMemberRefusal();
                        }
                        in.policy().requireMayRevokeInvitation(in.membership(), caller, invitee);
                    })
                    .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                    .then());
        }
        return guard.inRoom(roomId, caller)
                .doOnNext(in -> in.policy().requireMayRevokeInvitation(in.membership(), caller, invitee))
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                .then(invitations.remove(roomId, invitee))
                .then();
    }

    /** One summary read per invitation, at most {@link RoomLimits#invitationsListed()} of them. */
    @Override
    public Flux<PendingInvitation> pending(UserId caller) {
        return invitations.pendingFor(caller, limits.invitationsListed())
                .concatMap(invitation -> rooms.summary(invitation.roomId(), caller)
                        .map(summary -> new PendingInvitation(summary, invitation)));
    }
}
