package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static parley.domain.Fixtures.T0;
import static parley.domain.Fixtures.roomId;
import static parley.domain.Fixtures.userId;

import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import parley.domain.user.UserId;

class RoomPolicyTest {

    private static final RoomPolicy PUBLIC_GROUP = new RoomPolicy(RoomKind.GROUP, Visibility.PUBLIC);
    private static final RoomPolicy PRIVATE_GROUP = new RoomPolicy(RoomKind.GROUP, Visibility.PRIVATE);
    private static final RoomPolicy DIRECT = new RoomPolicy(RoomKind.DIRECT, Visibility.PRIVATE);

    private static final Membership OWNER = member(1, Role.OWNER, 0);
    private static final Membership ADMIN = member(2, Role.ADMIN, 10);
    private static final Membership OTHER_ADMIN = member(3, Role.ADMIN, 20);
    private static final Membership MEMBER = member(4, Role.MEMBER, 5);
    private static final Membership OTHER_MEMBER = member(5, Role.MEMBER, 30);
    private static final UserId STRANGER = userId(9);

    private static Membership member(int user, Role role, long joinedAfterSeconds) {
        return new Membership(roomId(1), userId(user), role, T0.plusSeconds(joinedAfterSeconds), null);
    }

    private static RoomRule refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RoomRuleViolation.class);
        assertThat(thrown.getMessage()).isNotBlank();
        return ((RoomRuleViolation) thrown).rule();
    }

    @Test
    void aDirectRoomIsAlwaysPrivate() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RoomPolicy(RoomKind.DIRECT, Visibility.PUBLIC));
    }

    @Nested
    class Visibility_ {

        @Test
        void aPrivateRoomIsHiddenFromNonMembersAndAPublicOneSaysNotAMember() {
            assertThat(refusal(() -> PRIVATE_GROUP.requireMember(null))).isEqualTo(RoomRule.HIDDEN);
            assertThat(refusal(() -> DIRECT.requireMember(null))).isEqualTo(RoomRule.HIDDEN);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMember(null))).isEqualTo(RoomRule.NOT_A_MEMBER);
            assertThat(PUBLIC_GROUP.visibleToNonMembers()).isTrue();
            assertThat(PRIVATE_GROUP.visibleToNonMembers()).isFalse();
            assertThat(DIRECT.visibleToNonMembers()).isFalse();
        }

        @Test
        void everyModerationPathHidesAPrivateRoomFromANonMemberBeforeAnyOtherRule() {
            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> PRIVATE_GROUP.requireMayUpdate(null),
                    () -> PRIVATE_GROUP.requireMayInvite(null, null, false),
                    () -> PRIVATE_GROUP.requireMayRevokeInvitation(null, STRANGER, MEMBER.userId()),
                    () -> PRIVATE_GROUP.changeRole(null, MEMBER, Role.ADMIN),
                    () -> PRIVATE_GROUP.requireMayRemove(null, MEMBER),
                    () -> PRIVATE_GROUP.requireMayBan(null, MEMBER.userId(), MEMBER),
                    () -> PRIVATE_GROUP.requireMayManageBans(null),
                    () -> PRIVATE_GROUP.leave(null, List.of()),
                    () -> PRIVATE_GROUP.requireMayDeleteMessage(null, STRANGER),
                    () -> DIRECT.requireMayUpdate(null),
                    () -> DIRECT.requireMayInvite(null, null, false),
                    () -> DIRECT.requireMayBan(null, MEMBER.userId(), MEMBER))) {
                assertThat(refusal(call)).isEqualTo(RoomRule.HIDDEN);
            }
        }
    }

    @Nested
    class Updating {

        @Test
        void theOwnerAndAdminsMayChangeTheRoomMembersMayNot() {
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayUpdate(OWNER));
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayUpdate(ADMIN));
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayUpdate(MEMBER))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayUpdate(null))).isEqualTo(RoomRule.NOT_A_MEMBER);
        }

        @Test
        void aDirectRoomCannotBeChanged() {
            assertThat(refusal(() -> DIRECT.requireMayUpdate(MEMBER))).isEqualTo(RoomRule.DIRECT_ROOM);
        }
    }

    @Nested
    class Inviting {

        @Test
        void toAPrivateRoomOnlyTheOwnerAndAdminsInvite() {
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayInvite(OWNER, null, false));
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayInvite(ADMIN, null, false));
            assertThat(refusal(() -> PRIVATE_GROUP.requireMayInvite(MEMBER, null, false))).isEqualTo(RoomRule.NOT_ALLOWED);
        }

        @Test
        void toAPublicRoomAnyMemberInvitesButANonMemberDoesNot() {
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayInvite(MEMBER, null, false));
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayInvite(null, null, false))).isEqualTo(RoomRule.NOT_A_MEMBER);
        }

        @Test
        void aBannedUserOrAMemberCannotBeInvited() {
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayInvite(OWNER, null, true))).isEqualTo(RoomRule.BANNED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayInvite(OWNER, MEMBER, false))).isEqualTo(RoomRule.ALREADY_MEMBER);
        }

        @Test
        void nobodyInvitesToADirectRoom() {
            assertThat(refusal(() -> DIRECT.requireMayInvite(MEMBER, null, false))).isEqualTo(RoomRule.DIRECT_ROOM);
        }

        @Test
        void anInvitationIsWithdrawnByWhoeverMayInviteOrDeclinedByTheInvitee() {
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayRevokeInvitation(ADMIN, ADMIN.userId(), STRANGER));
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayRevokeInvitation(null, STRANGER, STRANGER));
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayRevokeInvitation(MEMBER, MEMBER.userId(), STRANGER));
            assertThat(refusal(() -> PRIVATE_GROUP.requireMayRevokeInvitation(MEMBER, MEMBER.userId(), STRANGER)))
                    .isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PRIVATE_GROUP.requireMayRevokeInvitation(null, userId(8), STRANGER)))
                    .isEqualTo(RoomRule.HIDDEN);
        }
    }

    @Nested
    class Joining {

        @Test
        void aPublicRoomIsOpenToAllButTheBanned() {
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayJoin(null, false, false));
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayJoin(null, true, true))).isEqualTo(RoomRule.BANNED);
        }

        @Test
        void aPrivateRoomNeedsAnInvitationAndStaysHiddenFromTheBanned() {
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayJoin(null, true, false));
            assertThat(refusal(() -> PRIVATE_GROUP.requireMayJoin(null, false, false))).isEqualTo(RoomRule.HIDDEN);
            assertThat(refusal(() -> PRIVATE_GROUP.requireMayJoin(null, true, true))).isEqualTo(RoomRule.HIDDEN);
        }

        @Test
        void joiningARoomOneIsInIsHarmless() {
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayJoin(MEMBER, false, false));
        }

        @Test
        void aDirectRoomIsNeverJoinedAndStaysHiddenFromOthers() {
            assertThat(refusal(() -> DIRECT.requireMayJoin(MEMBER, false, false))).isEqualTo(RoomRule.DIRECT_ROOM);
            assertThat(refusal(() -> DIRECT.requireMayJoin(null, true, false))).isEqualTo(RoomRule.HIDDEN);
        }
    }

    @Nested
    class Roles {

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
        void theOwnerGivesAnotherMemberARole(Role role) {
            RoomPolicy.RoleChange change = PUBLIC_GROUP.changeRole(OWNER, MEMBER, role);

            assertThat(change.target()).isEqualTo(MEMBER.withRole(role));
            assertThat(change.target().joinedAt()).isEqualTo(MEMBER.joinedAt());
            assertThat(change.formerOwner()).isEmpty();
        }

        @Test
        void givingOwnerTransfersItAndTheFormerOwnerBecomesAdmin() {
            RoomPolicy.RoleChange change = PRIVATE_GROUP.changeRole(OWNER, MEMBER, Role.OWNER);

            assertThat(change.target().role()).isEqualTo(Role.OWNER);
            assertThat(change.target().userId()).isEqualTo(MEMBER.userId());
            assertThat(change.formerOwner()).contains(OWNER.withRole(Role.ADMIN));
        }

        @Test
        void onlyTheOwnerChangesRoles() {
            assertThat(refusal(() -> PUBLIC_GROUP.changeRole(ADMIN, MEMBER, Role.ADMIN))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.changeRole(ADMIN, ADMIN, Role.OWNER))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.changeRole(MEMBER, MEMBER, Role.OWNER))).isEqualTo(RoomRule.NOT_ALLOWED);
        }

        @Test
        void theOwnerCannotDemoteThemselvesAndLeaveTheRoomWithoutOne() {
            assertThat(refusal(() -> PUBLIC_GROUP.changeRole(OWNER, OWNER, Role.MEMBER))).isEqualTo(RoomRule.NOT_ALLOWED);
        }

        @Test
        void theTargetMustBeAMember() {
            assertThat(refusal(() -> PUBLIC_GROUP.changeRole(OWNER, null, Role.ADMIN))).isEqualTo(RoomRule.MEMBER_NOT_FOUND);
        }

        @Test
        void aDirectRoomHasNoRoleChanges() {
            assertThat(refusal(() -> DIRECT.changeRole(MEMBER, OTHER_MEMBER, Role.OWNER))).isEqualTo(RoomRule.DIRECT_ROOM);
        }
    }

    @Nested
    class RemovingAndBanning {

        @Test
        void theOwnerRemovesAndBansAnyOtherMember() {
            for (Membership target : List.of(ADMIN, MEMBER)) {
                assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayRemove(OWNER, target));
                assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayBan(OWNER, target.userId(), target));
            }
        }

        @Test
        void anAdminRemovesAndBansOnlyMembers() {
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayRemove(ADMIN, MEMBER));
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayBan(ADMIN, MEMBER.userId(), MEMBER));
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayRemove(ADMIN, OTHER_ADMIN))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayRemove(ADMIN, OWNER))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayBan(ADMIN, OTHER_ADMIN.userId(), OTHER_ADMIN))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayBan(ADMIN, OWNER.userId(), OWNER))).isEqualTo(RoomRule.NOT_ALLOWED);
        }

        @Test
        void aMemberRemovesAndBansNobody() {
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayRemove(MEMBER, OTHER_MEMBER))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayBan(MEMBER, OTHER_MEMBER.userId(), OTHER_MEMBER))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayManageBans(MEMBER))).isEqualTo(RoomRule.NOT_ALLOWED);
        }

        @Test
        void nobodyRemovesOrBansThemselves() {
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayRemove(OWNER, OWNER))).isEqualTo(RoomRule.NOT_ALLOWED);
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayBan(ADMIN, ADMIN.userId(), ADMIN))).isEqualTo(RoomRule.NOT_ALLOWED);
        }

        @Test
        void aUserNotInTheRoomCanBeBannedButNotRemoved() {
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayBan(ADMIN, STRANGER, null));
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayRemove(OWNER, null))).isEqualTo(RoomRule.MEMBER_NOT_FOUND);
        }

        @Test
        void theOwnerAndAdminsManageBans() {
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayManageBans(OWNER));
            assertThatNoException().isThrownBy(() -> PRIVATE_GROUP.requireMayManageBans(ADMIN));
        }

        @Test
        void aDirectRoomHasNoModeration() {
            assertThat(refusal(() -> DIRECT.requireMayRemove(MEMBER, OTHER_MEMBER))).isEqualTo(RoomRule.DIRECT_ROOM);
            assertThat(refusal(() -> DIRECT.requireMayBan(MEMBER, OTHER_MEMBER.userId(), OTHER_MEMBER))).isEqualTo(RoomRule.DIRECT_ROOM);
            assertThat(refusal(() -> DIRECT.requireMayManageBans(MEMBER))).isEqualTo(RoomRule.DIRECT_ROOM);
        }
    }

    @Nested
    class Leaving {

        @Test
        void aMemberOrAdminLeavesWithoutHandingAnythingOn() {
            assertThat(PUBLIC_GROUP.leave(MEMBER, List.of(OWNER, ADMIN))).isEmpty();
            assertThat(PUBLIC_GROUP.leave(ADMIN, List.of(OWNER, MEMBER))).isEmpty();
        }

        @Test
        void theOwnersRoomPassesToTheLongestStandingAdmin() {
            // MEMBER joined before both admins: admins still come first
            Optional<Membership> successor = PUBLIC_GROUP.leave(OWNER, List.of(OWNER, OTHER_ADMIN, MEMBER, ADMIN));

            assertThat(successor).contains(ADMIN.withRole(Role.OWNER));
        }

        @Test
        void withoutAdminsToTheLongestStandingMember() {
            assertThat(PUBLIC_GROUP.leave(OWNER, List.of(OTHER_MEMBER, MEMBER))).contains(MEMBER.withRole(Role.OWNER));
        }

        @Test
        void aTieInSeniorityGoesToTheLowerUserId() {
            Membership early = member(7, Role.ADMIN, 10);
            Membership sameMoment = member(6, Role.ADMIN, 10);

            assertThat(PUBLIC_GROUP.leave(OWNER, List.of(early, sameMoment))).contains(sameMoment.withRole(Role.OWNER));
        }

        @Test
        void theLastOneOutHandsNothingOn() {
            assertThat(PUBLIC_GROUP.leave(OWNER, List.of(OWNER))).isEmpty();
            assertThat(PUBLIC_GROUP.leave(OWNER, List.of())).isEmpty();
        }

        @Test
        void nobodyLeavesADirectRoom() {
            assertThat(refusal(() -> DIRECT.leave(MEMBER, List.of(OTHER_MEMBER)))).isEqualTo(RoomRule.DIRECT_ROOM);
        }
    }

    @Nested
    class DeletingMessages {

        @Test
        void theSenderTheOwnerAndAdminsDeleteAMessage() {
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayDeleteMessage(MEMBER, MEMBER.userId()));
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayDeleteMessage(OWNER, MEMBER.userId()));
            assertThatNoException().isThrownBy(() -> PUBLIC_GROUP.requireMayDeleteMessage(ADMIN, OWNER.userId()));
            assertThat(refusal(() -> PUBLIC_GROUP.requireMayDeleteMessage(MEMBER, OTHER_MEMBER.userId()))).isEqualTo(RoomRule.NOT_ALLOWED);
        }

        @Test
        void inADirectRoomEachDeletesOnlyTheirOwn() {
            assertThatNoException().isThrownBy(() -> DIRECT.requireMayDeleteMessage(MEMBER, MEMBER.userId()));
            assertThat(refusal(() -> DIRECT.requireMayDeleteMessage(MEMBER, OTHER_MEMBER.userId()))).isEqualTo(RoomRule.NOT_ALLOWED);
        }
    }
}
