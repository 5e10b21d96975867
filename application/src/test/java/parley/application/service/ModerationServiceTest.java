package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.invalid;
import static parley.application.service.Refusals.refusedWith;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.model.RoomSignal;
import parley.application.port.in.CreateRoomCommand;
import parley.application.port.in.SendMessageCommand;
import parley.domain.room.BanReason;
import parley.domain.room.Membership;
import parley.domain.room.Role;
import parley.domain.room.RoomBan;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomId;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.test.StepVerifier;

/** PROTOCOL-1.1 §2: roles, ownership transfer, remove, ban and unban, and ownership passing on. */
class ModerationServiceTest {

    private final TestCore core = TestCore.create();
    private final User owner = core.registerUser("owner@example.com");
    private final User admin = core.registerUser("admin@example.com");
    private final User member = core.registerUser("member@example.com");
    private final User other = core.registerUser("other@example.com");
    private final RoomId room = core.createRoom(owner.id(), "Moderated");

    ModerationServiceTest() {
        core.clock.advance(Duration.ofSeconds(1));
        core.join(room, member.id());
        core.clock.advance(Duration.ofSeconds(1));
        core.join(room, admin.id());
        core.clock.advance(Duration.ofSeconds(1));
        core.join(room, other.id());
        core.moderationService.changeRole(room, owner.id(), admin.id(), Role.ADMIN).block();
    }

    private Role roleOf(User user) {
        Membership membership = core.memberships.find(room, user.id()).block();
        return membership == null ? null : membership.role();
    }

    @Test
    void theOwnerMakesAnAdminAndTheStoreKeepsIt() {
        assertThat(roleOf(admin)).isEqualTo(Role.ADMIN);

        Membership demoted = core.moderationService.changeRole(room, owner.id(), admin.id(), Role.MEMBER).block();

        assertThat(demoted.role()).isEqualTo(Role.MEMBER);
        assertThat(roleOf(admin)).isEqualTo(Role.MEMBER);
    }

    @Test
    void givingOwnerTransfersItAndTheFormerOwnerBecomesAdmin() {
        core.moderationService.changeRole(room, owner.id(), member.id(), Role.OWNER).block();

        assertThat(roleOf(member)).isEqualTo(Role.OWNER);
        assertThat(roleOf(owner)).isEqualTo(Role.ADMIN);
        StepVerifier.create(core.moderationService.changeRole(room, owner.id(), other.id(), Role.ADMIN))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
    }

    @Test
    void anAdminOrMemberCannotChangeRolesAndNobodyForgesTheirOwn() {
        StepVerifier.create(core.moderationService.changeRole(room, admin.id(), member.id(), Role.ADMIN))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        StepVerifier.create(core.moderationService.changeRole(room, member.id(), member.id(), Role.OWNER))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        assertThat(roleOf(member)).isEqualTo(Role.MEMBER);
    }

    @Test
    void aRoleForSomeoneNotInTheRoomIsMemberNotFound() {
        User stranger = core.registerUser("stranger@example.com");

        StepVerifier.create(core.moderationService.changeRole(room, owner.id(), stranger.id(), Role.ADMIN))
                .verifyErrorSatisfies(refusedWith(ErrorCode.MEMBER_NOT_FOUND));
    }

    @Test
    void aRemovedMemberIsOutTheirSocketsAreToldAndTheirNextSendIsRefusedAtOnce() {
        // the member's positive answer is cached, as after any send
        core.guard.requireMember(room, member.id()).block();
        assertThat(core.membershipCache.cached(room, member.id())).contains(true);

        core.moderationService.remove(room, admin.id(), member.id()).block();

        assertThat(roleOf(member)).isNull();
        assertThat(core.membershipCache.cached(room, member.id())).isEmpty();
        assertThat(core.signals.published()).contains(new RoomSignal.MemberLeft(room, member.id()));
        StepVerifier.create(core.sendMessageService.send(SendMessageCommand.of(room.value(), member.id(),
                        java.util.UUID.randomUUID().toString(), "TEXT", "still here?")))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
    }

    @Test
    void anAdminRemovesOnlyMembers() {
        core.moderationService.changeRole(room, owner.id(), other.id(), Role.ADMIN).block();

        StepVerifier.create(core.moderationService.remove(room, admin.id(), other.id())).verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        StepVerifier.create(core.moderationService.remove(room, admin.id(), owner.id())).verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        StepVerifier.create(core.moderationService.remove(room, member.id(), other.id())).verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        assertThat(roleOf(other)).isEqualTo(Role.ADMIN);
    }

    @Test
    void aBannedUserIsRemovedAndCannotRejoinUntilUnbanned() {
        RoomBan ban = core.moderationService.ban(room, admin.id(), member.id(), BanReason.of("spam")).block();

        assertThat(ban.bannedBy()).isEqualTo(admin.id());
        assertThat(ban.reason().value()).isEqualTo("spam");
        assertThat(roleOf(member)).isNull();
        assertThat(core.signals.published()).contains(new RoomSignal.MemberLeft(room, member.id()));
        StepVerifier.create(core.membershipService.join(room, member.id())).verifyErrorSatisfies(refusedWith(ErrorCode.BANNED));
        assertThat(core.moderationService.bans(room, owner.id(), null, null).collectList().block())
                .extracting(RoomBan::userId).containsExactly(member.id());

        core.moderationService.unban(room, owner.id(), member.id()).block();

        assertThat(core.membershipService.join(room, member.id()).block().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void aBannedUserOfAPrivateRoomIsToldItDoesNotExist() {
        RoomId secret = core.roomService.create(new CreateRoomCommand(owner.id(), RoomName.of("Secret"), RoomDescription.NONE,
                Visibility.PRIVATE)).block().room().id();
        core.moderationService.ban(secret, owner.id(), member.id(), BanReason.NONE).block();

        StepVerifier.create(core.membershipService.join(secret, member.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        StepVerifier.create(core.moderationService.bans(secret, member.id(), null, null)).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void someoneNotInTheRoomCanBeBannedBeforeTheyJoinButNotAnUnknownUser() {
        User troll = core.registerUser("troll@example.com");

        core.moderationService.ban(room, admin.id(), troll.id(), BanReason.NONE).block();

        StepVerifier.create(core.membershipService.join(room, troll.id())).verifyErrorSatisfies(refusedWith(ErrorCode.BANNED));
        StepVerifier.create(core.moderationService.ban(room, admin.id(), core.ids.newUserId(), BanReason.NONE))
                .verifyErrorSatisfies(refusedWith(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void banningTwiceKeepsTheFirstBan() {
        core.moderationService.ban(room, admin.id(), member.id(), BanReason.of("first")).block();
        core.clock.advance(Duration.ofMinutes(1));
        core.moderationService.ban(room, owner.id(), member.id(), BanReason.of("second")).block();

        assertThat(core.moderationService.bans(room, owner.id(), null, null).collectList().block())
                .singleElement().satisfies(ban -> assertThat(ban.reason().value()).isEqualTo("first"));
    }

    @Test
    void onlyTheOwnerAndAdminsSeeAndLiftBans() {
        core.moderationService.ban(room, admin.id(), other.id(), BanReason.NONE).block();

        StepVerifier.create(core.moderationService.bans(room, member.id(), null, null)).verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        StepVerifier.create(core.moderationService.unban(room, member.id(), other.id())).verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        StepVerifier.create(core.moderationService.bans(room, owner.id(), null, 0)).verifyErrorSatisfies(invalid("limit"));
    }

    @Test
    void aBanPageIsOrderedByUserIdAndBounded() {
        for (int i = 0; i < 5; i++) {
            core.moderationService.ban(room, owner.id(), core.registerUser("b" + i + "@example.com").id(), BanReason.NONE).block();
        }

        var first = core.moderationService.bans(room, owner.id(), null, 3).collectList().block();
        var rest = core.moderationService.bans(room, owner.id(), first.getLast().userId(), 3).collectList().block();

        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2);
        assertThat(first.getLast().userId()).isLessThan(rest.getFirst().userId());
    }

    @Test
    void whenTheOwnerLeavesTheLongestStandingAdminTakesOver() {
        core.membershipService.leave(room, owner.id()).block();

        // member joined before admin, but an admin comes first
        assertThat(roleOf(admin)).isEqualTo(Role.OWNER);
        assertThat(roleOf(member)).isEqualTo(Role.MEMBER);
    }

    @Test
    void withoutAdminsTheLongestStandingMemberTakesOver() {
        core.moderationService.changeRole(room, owner.id(), admin.id(), Role.MEMBER).block();

        core.membershipService.leave(room, owner.id()).block();

        assertThat(roleOf(member)).isEqualTo(Role.OWNER);
        assertThat(roleOf(admin)).isEqualTo(Role.MEMBER);
    }

    @Test
    void theLastOneOutLeavesAnEmptyRoom() {
        for (User user : new User[] {admin, member, other}) {
            core.membershipService.leave(room, user.id()).block();
        }

        core.membershipService.leave(room, owner.id()).block();

        assertThat(core.memberships.members(room, null, 10).collectList().block()).isEmpty();
    }

    @Test
    void moderationOfAPrivateRoomIsNotFoundForANonMember() {
        RoomId secret = core.roomService.create(new CreateRoomCommand(owner.id(), RoomName.of("Secret"), RoomDescription.NONE,
                Visibility.PRIVATE)).block().room().id();
        UserId outsider = other.id();

        StepVerifier.create(core.moderationService.changeRole(secret, outsider, owner.id(), Role.MEMBER))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        StepVerifier.create(core.moderationService.remove(secret, outsider, owner.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        StepVerifier.create(core.moderationService.ban(secret, outsider, owner.id(), BanReason.NONE))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        StepVerifier.create(core.moderationService.unban(secret, outsider, owner.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }
}
