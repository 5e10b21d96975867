package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static parley.domain.Fixtures.T0;
import static parley.domain.Fixtures.messageId;

import parley.domain.message.MessageId;
import static parley.domain.Fixtures.roomId;
import static parley.domain.Fixtures.userId;

import org.junit.jupiter.api.Test;

class MembershipTest {

    private final Membership member = Membership.member(roomId(1), userId(2), T0);

    @Test
    void theCreatorBecomesOwnerAndOthersMembersWithNothingRead() {
        Membership owner = Membership.owner(roomId(1), userId(3), T0);

        assertThat(owner.role()).isEqualTo(Role.OWNER);
        assertThat(member.role()).isEqualTo(Role.MEMBER);
        assertThat(owner.lastReadMessageId()).isNull();
        assertThat(member.lastReadMessageId()).isNull();
        assertThat(member.roomId()).isEqualTo(roomId(1));
        assertThat(member.userId()).isEqualTo(userId(2));
        assertThat(member.joinedAt()).isEqualTo(T0);
    }

    @Test
    void theFirstMarkerIsSetFromNothing() {
        assertThat(member.markRead(read(10)).lastReadMessageId()).isEqualTo(messageId(10));
    }

    @Test
    void aReadMarkerMovesForward() {
        Membership read = member.markRead(read(10)).markRead(read(20));

        assertThat(read.lastReadMessageId()).isEqualTo(messageId(20));
    }

    /** M2: ids do not order messages, seqs do: a marker on a larger id with a smaller seq is behind. */
    @Test
    void theMarkerComparesSeqsNotIds() {
        ReadPosition newestBySeq = new ReadPosition(messageId(1), 9);
        ReadPosition largerIdSmallerSeq = new ReadPosition(messageId(99), 4);

        Membership read = member.markRead(newestBySeq).markRead(largerIdSmallerSeq);

        assertThat(read.lastRead()).isEqualTo(newestBySeq);
        assertThat(read.lastReadSeq()).isEqualTo(9);
        assertThat(member.lastReadSeq()).as("nothing read").isZero();
    }

    @Test
    void aReadMarkerNeverMovesBack() {
        Membership read = member.markRead(read(20)).markRead(read(10));

        assertThat(read.lastReadMessageId()).isEqualTo(messageId(20));
    }

    @Test
    void markingTheSameMessageAgainChangesNothing() {
        Membership once = member.markRead(read(20));

        assertThat(once.markRead(read(20))).isEqualTo(once);
    }

    @Test
    void markingReadKeepsEverythingElse() {
        Membership owner = Membership.owner(roomId(1), userId(3), T0);

        Membership read = owner.markRead(read(4));

        assertThat(read).isEqualTo(new Membership(roomId(1), userId(3), Role.OWNER, T0, read(4)));
    }

    @Test
    void markingReadDoesNotChangeTheOriginal() {
        member.markRead(read(4));

        assertThat(member.lastReadMessageId()).isNull();
    }

    @Test
    void aMessageIdIsRequiredToMarkRead() {
        assertThatNullPointerException().isThrownBy(() -> member.markRead(null)).withMessage("position");
    }

    @Test
    void roomUserRoleAndJoinTimeAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new Membership(null, userId(2), Role.MEMBER, T0, null)).withMessage("roomId");
        assertThatNullPointerException().isThrownBy(() -> new Membership(roomId(1), null, Role.MEMBER, T0, null)).withMessage("userId");
        assertThatNullPointerException().isThrownBy(() -> new Membership(roomId(1), userId(2), null, T0, null)).withMessage("role");
        assertThatNullPointerException().isThrownBy(() -> new Membership(roomId(1), userId(2), Role.MEMBER, null, null)).withMessage("joinedAt");
    }

    /** The read position of the message with id {@code n} at seq {@code n}. */
    private static ReadPosition read(int n) {
        MessageId id = messageId(n);
        return new ReadPosition(id, n);
    }

    @Test
    void aRoleChangeKeepsTheJoinTimeAndTheReadMarker() {
        Membership read = member.markRead(read(10));

        Membership admin = read.withRole(Role.ADMIN);

        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.joinedAt()).isEqualTo(read.joinedAt());
        assertThat(admin.lastRead()).isEqualTo(read.lastRead());
    }

    @Test
    void onlyTheOwnerAndAdminsModerate() {
        assertThat(Role.OWNER.moderates()).isTrue();
        assertThat(Role.ADMIN.moderates()).isTrue();
        assertThat(Role.MEMBER.moderates()).isFalse();
    }
}
