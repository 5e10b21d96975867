package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.port.in.CreateRoomCommand;
import parley.application.port.in.PendingInvitation;
import parley.domain.room.BanReason;
import parley.domain.room.Role;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomId;
import parley.domain.room.RoomInvitation;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.test.StepVerifier;

/** PROTOCOL-1.1 §2 and §7: who invites, who withdraws or declines, an invitation consumed by the join it allows. */
class InvitationServiceTest {

    private final TestCore core = TestCore.create();
    private final User owner = core.registerUser("owner@example.com");
    private final User admin = core.registerUser("admin@example.com");
    private final User member = core.registerUser("member@example.com");
    private final User guest = core.registerUser("guest@example.com");
    private final User outsider = core.registerUser("outsider@example.com");
    private final RoomId secret = createRoom(owner, "Secret", Visibility.PRIVATE);
    private final RoomId open = createRoom(owner, "Open", Visibility.PUBLIC);

    InvitationServiceTest() {
        for (RoomId room : List.of(secret, open)) {
            core.invitationService.invite(room, owner.id(), admin.id()).block();
            core.join(room, admin.id());
            core.moderationService.changeRole(room, owner.id(), admin.id(), Role.ADMIN).block();
            core.invitationService.invite(room, owner.id(), member.id()).block();
            core.join(room, member.id());
        }
    }

    private RoomId createRoom(User creator, String name, Visibility visibility) {
        return core.roomService.create(new CreateRoomCommand(creator.id(), RoomName.of(name), RoomDescription.NONE, visibility))
                .block().room().id();
    }

    private boolean invited(RoomId room, User user) {
        return core.invitations.find(room, user.id()).blockOptional().isPresent();
    }

    @Test
    void anAdminInvitesToAPrivateRoomAndTheInviteeJoinsConsumingIt() {
        RoomInvitation invitation = core.invitationService.invite(secret, admin.id(), guest.id()).block();

        assertThat(invitation).isEqualTo(new RoomInvitation(secret, guest.id(), admin.id(), invitation.createdAt()));
        assertThat(core.membershipService.join(secret, guest.id()).block().role()).isEqualTo(Role.MEMBER);
        assertThat(invited(secret, guest)).isFalse();
    }

    @Test
    void withoutAnInvitationAPrivateRoomCannotBeJoinedAndDoesNotExist() {
        StepVerifier.create(core.membershipService.join(secret, guest.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));

        core.invitationService.invite(secret, owner.id(), guest.id()).block();
        core.invitationService.withdraw(secret, owner.id(), guest.id()).block();

        StepVerifier.create(core.membershipService.join(secret, guest.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void invitingAgainReturnsThePendingInvitationUnchanged() {
        RoomInvitation first = core.invitationService.invite(open, member.id(), guest.id()).block();
        core.clock.advance(Duration.ofMinutes(1));

        assertThat(core.invitationService.invite(open, admin.id(), guest.id()).block()).isEqualTo(first);
        assertThat(core.invitations.pendingIn(open).block()).isEqualTo(1);
    }

    @Test
    void aMemberInvitesToAPublicRoomButNotToAPrivateOne() {
        assertThat(core.invitationService.invite(open, member.id(), guest.id()).block().invitedBy()).isEqualTo(member.id());

        StepVerifier.create(core.invitationService.invite(secret, member.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        assertThat(invited(secret, guest)).isFalse();
    }

    @Test
    void anOutsiderCannotInviteAndAPrivateRoomDoesNotExistForThem() {
        StepVerifier.create(core.invitationService.invite(secret, outsider.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        StepVerifier.create(core.invitationService.invite(open, outsider.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.invitationService.invite(core.ids.newRoomId(), owner.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void membersUnknownUsersAndBannedUsersAreNotInvited() {
        StepVerifier.create(core.invitationService.invite(secret, owner.id(), member.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ALREADY_MEMBER));
        StepVerifier.create(core.invitationService.invite(secret, owner.id(), core.ids.newUserId()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.USER_NOT_FOUND));

        core.moderationService.ban(secret, owner.id(), guest.id(), BanReason.NONE).block();

        StepVerifier.create(core.invitationService.invite(secret, owner.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.BANNED));
        assertThat(invited(secret, guest)).isFalse();
    }

    @Test
    void aBanDropsAPendingInvitation() {
        core.invitationService.invite(secret, owner.id(), guest.id()).block();

        core.moderationService.ban(secret, owner.id(), guest.id(), BanReason.NONE).block();

        assertThat(invited(secret, guest)).isFalse();
        StepVerifier.create(core.membershipService.join(secret, guest.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void theInviteeDeclinesAndOnlyModeratorsWithdrawFromAPrivateRoom() {
        core.invitationService.invite(secret, owner.id(), guest.id()).block();
        StepVerifier.create(core.invitationService.withdraw(secret, member.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        StepVerifier.create(core.invitationService.withdraw(secret, outsider.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        assertThat(invited(secret, guest)).isTrue();

        core.invitationService.withdraw(secret, guest.id(), guest.id()).block();

        assertThat(invited(secret, guest)).isFalse();
        // declining again: the room no longer exists for the guest
        StepVerifier.create(core.invitationService.withdraw(secret, guest.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        // withdrawing what is not pending is harmless for who may invite
        StepVerifier.create(core.invitationService.withdraw(secret, admin.id(), guest.id())).verifyComplete();
    }

    @Test
    void aRoomHoldsAtMostItsCapOfPendingInvitations() {
        int cap = RoomLimits.DEFAULTS.invitationsPerRoom();
        for (int i = 0; i < cap; i++) {
            core.invitationService.invite(open, member.id(), core.registerUser("invitee" + i + "@example.com").id()).block();
        }

        StepVerifier.create(core.invitationService.invite(open, member.id(), guest.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.LIMIT_REACHED));
        assertThat(core.invitations.pendingIn(open).block()).isEqualTo(cap);
    }

    @Test
    void myInvitationsComeNewestFirstWithTheRoomAsIMaySeeIt() {
        core.invitationService.invite(open, member.id(), guest.id()).block();
        core.clock.advance(Duration.ofSeconds(1));
        core.invitationService.invite(secret, admin.id(), guest.id()).block();

        List<PendingInvitation> mine = core.invitationService.pending(guest.id()).collectList().block();

        assertThat(mine).extracting(pending -> pending.room().room().id()).containsExactly(secret, open);
        assertThat(mine).extracting(pending -> pending.invitation().invitedBy()).containsExactly(admin.id(), member.id());
        assertThat(mine.getFirst().room().myRole()).isNull();
        assertThat(core.invitationService.pending(outsider.id()).collectList().block()).isEmpty();
    }
}
