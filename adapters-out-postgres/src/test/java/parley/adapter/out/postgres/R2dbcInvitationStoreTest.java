package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.domain.room.BanReason;
import parley.domain.room.Room;
import parley.domain.room.RoomBan;
import parley.domain.room.RoomInvitation;
import parley.domain.user.User;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class R2dbcInvitationStoreTest extends MigratedDatabaseTest {

    @Test
    void invitingAgainKeepsTheFirstInvitation() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        User carol = chat.user("carol");
        Room room = chat.room(alice, "Invited");
        RoomInvitation first = new RoomInvitation(room.id(), bob.id(), alice.id(), chat.tick());

        assertThat(chat.invitations.invite(first).block()).isEqualTo(first);
        assertThat(chat.invitations.invite(new RoomInvitation(room.id(), bob.id(), carol.id(), chat.tick())).block()).isEqualTo(first);
        assertThat(chat.invitations.find(room.id(), bob.id()).block()).isEqualTo(first);
        assertThat(chat.invitations.pendingIn(room.id()).block()).isEqualTo(1);
    }

    @Test
    void fiftyInvitationsAtOnceStoreOneRowAndAllAnswerIt() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Race");
        Instant at = chat.tick();

        List<RoomInvitation> answers = Flux.range(0, 50)
                .flatMap(i -> chat.invitations.invite(new RoomInvitation(room.id(), bob.id(), alice.id(), at.plusMillis(i)))
                        .subscribeOn(Schedulers.parallel()), 50)
                .collectList()
                .block();

        assertThat(answers).hasSize(50);
        assertThat(answers.stream().distinct()).hasSize(1);
        assertThat(chat.invitations.pendingIn(room.id()).block()).isEqualTo(1);
    }

    @Test
    void aUsersInvitationsComeNewestFirstAndBounded() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room older = chat.room(alice, "Older");
        Room newer = chat.room(alice, "Newer");
        Room newest = chat.room(alice, "Newest");
        RoomInvitation first = chat.invitations.invite(new RoomInvitation(older.id(), bob.id(), alice.id(), chat.tick())).block();
        RoomInvitation second = chat.invitations.invite(new RoomInvitation(newer.id(), bob.id(), alice.id(), chat.tick())).block();
        RoomInvitation third = chat.invitations.invite(new RoomInvitation(newest.id(), bob.id(), alice.id(), chat.tick())).block();
        chat.invitations.invite(new RoomInvitation(newest.id(), chat.user("carol").id(), alice.id(), chat.tick())).block();

        assertThat(chat.invitations.pendingFor(bob.id(), 10).collectList().block()).containsExactly(third, second, first);
        assertThat(chat.invitations.pendingFor(bob.id(), 2).collectList().block()).containsExactly(third, second);
        assertThat(chat.invitations.pendingFor(alice.id(), 10).collectList().block()).isEmpty();
        StepVerifier.create(chat.invitations.pendingFor(bob.id(), 0)).verifyError(IllegalArgumentException.class);
    }

    @Test
    void removingAnswersWhetherThereWasOne() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Withdrawn");
        chat.invitations.invite(new RoomInvitation(room.id(), bob.id(), alice.id(), chat.tick())).block();

        assertThat(chat.invitations.remove(room.id(), bob.id()).block()).isTrue();
        assertThat(chat.invitations.remove(room.id(), bob.id()).block()).isFalse();
        StepVerifier.create(chat.invitations.find(room.id(), bob.id())).verifyComplete();
        assertThat(chat.invitations.pendingIn(room.id()).block()).isZero();
    }

    @Test
    void aBanDeletesTheUsersInvitation() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Banned invitee");
        chat.invitations.invite(new RoomInvitation(room.id(), bob.id(), alice.id(), chat.tick())).block();

        chat.memberships.ban(new RoomBan(room.id(), bob.id(), alice.id(), BanReason.NONE, chat.tick())).block();

        StepVerifier.create(chat.invitations.find(room.id(), bob.id())).verifyComplete();
    }
}
