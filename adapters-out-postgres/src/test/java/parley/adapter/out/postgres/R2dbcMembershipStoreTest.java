package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import parley.domain.message.MessageId;
import parley.domain.room.BanReason;
import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.Role;
import parley.domain.room.Room;
import parley.domain.room.RoomBan;
import parley.domain.user.User;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class R2dbcMembershipStoreTest extends MigratedDatabaseTest {

    @Test
    void aTransferStoresBothRolesTogetherOrNeither() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Transfer");
        Membership bobs = chat.join(room, bob);
        Membership alices = chat.memberships.find(room.id(), alice.id()).block();

        assertThat(chat.memberships.updateRoles(List.of(bobs.withRole(Role.OWNER), alices.withRole(Role.ADMIN))).block()).isTrue();

        assertThat(chat.memberships.find(room.id(), bob.id()).block().role()).isEqualTo(Role.OWNER);
        assertThat(chat.memberships.find(room.id(), alice.id()).block().role()).isEqualTo(Role.ADMIN);
        // a membership gone meanwhile rolls the whole change back: no half-done transfer
        Membership ghost = new Membership(room.id(), chat.user("ghost").id(), Role.OWNER, chat.tick(), null);
        assertThat(chat.memberships.updateRoles(List.of(bobs.withRole(Role.ADMIN), ghost)).block()).isFalse();
        assertThat(chat.memberships.find(room.id(), bob.id()).block().role()).isEqualTo(Role.OWNER);
    }

    @Test
    void theSeniorsAreTheLongestStandingAdminAndMemberExceptTheOneLeaving() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Seniors");
        Membership firstMember = chat.join(room, chat.user("m1"));
        chat.join(room, chat.user("m2"));
        Membership firstAdmin = chat.join(room, chat.user("a1")).withRole(Role.ADMIN);
        Membership secondAdmin = chat.join(room, chat.user("a2")).withRole(Role.ADMIN);
        chat.memberships.updateRoles(List.of(firstAdmin, secondAdmin)).block();

        assertThat(chat.memberships.seniors(room.id(), alice.id()).collectList().block()).containsExactly(firstAdmin, firstMember);
        assertThat(chat.memberships.seniors(room.id(), firstAdmin.userId()).collectList().block()).containsExactly(secondAdmin, firstMember);
    }

    @Test
    void leavingHandingOverRemovesTheLeaverAndPromotesTheSuccessorTogether() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Hand over");
        Membership bobs = chat.join(room, bob);

        assertThat(chat.memberships.leaveHandingOver(room.id(), alice.id(), bobs.withRole(Role.OWNER)).block()).isTrue();

        StepVerifier.create(chat.memberships.find(room.id(), alice.id())).verifyComplete();
        assertThat(chat.memberships.find(room.id(), bob.id()).block().role()).isEqualTo(Role.OWNER);
        assertThat(chat.memberships.leaveHandingOver(room.id(), bob.id(), null).block()).isTrue();
    }

    @Test
    void aBanRemovesTheMemberAndTheirInvitationAndIsKeptUntilLifted() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Bans");
        chat.join(room, bob);
        Instant at = chat.tick();

        chat.memberships.ban(new RoomBan(room.id(), bob.id(), alice.id(), BanReason.of("spam"), at)).block();
        chat.memberships.ban(new RoomBan(room.id(), bob.id(), alice.id(), BanReason.of("again"), chat.tick())).block();

        StepVerifier.create(chat.memberships.find(room.id(), bob.id())).verifyComplete();
        assertThat(chat.memberships.isBanned(room.id(), bob.id()).block()).isTrue();
        assertThat(chat.memberships.isBanned(room.id(), alice.id()).block()).isFalse();
        assertThat(chat.memberships.bans(room.id(), null, 10).collectList().block())
                .containsExactly(new RoomBan(room.id(), bob.id(), alice.id(), BanReason.of("spam"), at));
        assertThat(chat.memberships.unban(room.id(), bob.id()).block()).isTrue();
        assertThat(chat.memberships.unban(room.id(), bob.id()).block()).isFalse();
        assertThat(chat.memberships.isBanned(room.id(), bob.id()).block()).isFalse();
    }

    @Test
    void bansComeInPagesByUserId() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Ban pages");
        List<User> banned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User user = chat.user("b" + i);
            banned.add(user);
            chat.memberships.ban(new RoomBan(room.id(), user.id(), alice.id(), BanReason.NONE, chat.tick())).block();
        }
        List<RoomBan> first = chat.memberships.bans(room.id(), null, 3).collectList().block();
        List<RoomBan> rest = chat.memberships.bans(room.id(), first.getLast().userId(), 3).collectList().block();

        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2);
        assertThat(java.util.stream.Stream.concat(first.stream(), rest.stream()).map(RoomBan::userId).toList())
                .containsExactlyElementsOf(banned.stream().map(User::id).sorted().toList());
    }

    @Test
    void joiningAddsAMemberWithoutReadMarker() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Join");
        Instant now = chat.tick();

        Membership joined = chat.memberships.join(Membership.member(room.id(), bob.id(), now)).block();

        assertThat(joined).isEqualTo(new Membership(room.id(), bob.id(), Role.MEMBER, now, null));
        assertThat(chat.memberships.find(room.id(), bob.id()).block()).isEqualTo(joined);
    }

    @Test
    void joiningTwiceKeepsTheFirstJoinAndItsReadMarker() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Twice");
        Membership first = chat.join(room, bob);
        ReadPosition read = new ReadPosition(TestIds.messageId(), 3);
        chat.memberships.advanceReadMarker(room.id(), bob.id(), read).block();

        Membership again = chat.memberships.join(Membership.member(room.id(), bob.id(), chat.tick())).block();

        assertThat(again.joinedAt()).isEqualTo(first.joinedAt());
        assertThat(again.lastRead()).isEqualTo(read);
        assertThat(chat.memberships.members(room.id(), null, 10).collectList().block()).hasSize(2);
    }

    @Test
    void joiningAnUnknownRoomFails() {
        User bob = chat.user("bob");

        StepVerifier.create(chat.memberships.join(Membership.member(TestIds.roomId(), bob.id(), chat.tick())))
                .expectError()
                .verify();
    }

    @Test
    void leavingRemovesTheMembershipAndTellsWhetherThereWasOne() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Leave");
        chat.join(room, bob);

        StepVerifier.create(chat.memberships.leave(room.id(), bob.id())).expectNext(true).verifyComplete();
        StepVerifier.create(chat.memberships.find(room.id(), bob.id())).verifyComplete();
        StepVerifier.create(chat.memberships.leave(room.id(), bob.id())).expectNext(false).verifyComplete();
        assertThat(chat.memberships.find(room.id(), alice.id()).block()).isNotNull();
    }

    @Test
    void membersComeInPagesOrderedByUserIdWhateverTheOrderTheyJoined() {
        User owner = chat.user("owner");
        Room room = chat.room(owner, "Order");
        // ids in the opposite order of joining, so an order by joining would show
        User late = chat.user("late");
        User early = chat.user("early");
        Instant base = chat.tick();
        chat.memberships.join(Membership.member(room.id(), early.id(), base.plusSeconds(1))).block();
        chat.memberships.join(Membership.member(room.id(), late.id(), base.plusSeconds(2))).block();

        assertThat(chat.memberships.members(room.id(), null, 10).map(Membership::userId).collectList().block())
                .containsExactly(owner.id(), late.id(), early.id());
        assertThat(chat.memberships.members(room.id(), null, 2).map(Membership::userId).collectList().block())
                .containsExactly(owner.id(), late.id());
        assertThat(chat.memberships.members(room.id(), late.id(), 2).map(Membership::userId).collectList().block())
                .containsExactly(early.id());
        StepVerifier.create(chat.memberships.members(TestIds.roomId(), null, 10)).verifyComplete();
    }

    @Test
    void theReadMarkerMovesForwardOnlyBySeqWhateverTheIds() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Marker");
        // the newer message has the smaller id: only seq orders
        ReadPosition newer = new ReadPosition(TestIds.messageId(), 8);
        ReadPosition older = new ReadPosition(TestIds.messageId(), 5);

        assertThat(chat.memberships.advanceReadMarker(room.id(), alice.id(), newer).block().lastRead()).isEqualTo(newer);
        assertThat(chat.memberships.advanceReadMarker(room.id(), alice.id(), older).block().lastRead()).isEqualTo(newer);
        assertThat(chat.memberships.advanceReadMarker(room.id(), alice.id(), newer).block().lastRead()).isEqualTo(newer);
        assertThat(chat.memberships.find(room.id(), alice.id()).block().lastReadSeq()).isEqualTo(8);
    }

    @Test
    void movingTheReadMarkerOfANonMemberFindsNothing() {
        User alice = chat.user("alice");
        User stranger = chat.user("stranger");
        Room room = chat.room(alice, "Strangers");

        StepVerifier.create(chat.memberships.advanceReadMarker(room.id(), stranger.id(), new ReadPosition(TestIds.messageId(), 1)))
                .verifyComplete();
        StepVerifier.create(chat.memberships.find(room.id(), stranger.id())).verifyComplete();
    }

    @Test
    void concurrentReadMarkersEndAtTheNewestWhateverTheOrder() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Race");
        List<ReadPosition> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(new ReadPosition(TestIds.messageId(), i + 1));
        }
        ReadPosition newest = ids.getLast();
        List<ReadPosition> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(42));
        // the newest early, so that a late older write would visibly move the marker back
        shuffled.remove(newest);
        shuffled.add(5, newest);

        List<Membership> answers = Flux.fromIterable(shuffled)
                .flatMap(id -> chat.memberships.advanceReadMarker(room.id(), alice.id(), id), shuffled.size())
                .collectList()
                .block();

        assertThat(answers).hasSize(50);
        assertThat(chat.memberships.find(room.id(), alice.id()).block().lastRead()).isEqualTo(newest);
    }
}
