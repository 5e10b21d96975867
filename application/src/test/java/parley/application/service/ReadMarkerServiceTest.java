package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.model.RoomSignal;
import parley.domain.message.Message;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ReadMarkerServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");
    private final RoomId general = core.createRoom(alice.id(), "General");
    private final List<Message> said = core.storeTexts(general, alice.id(), "m1", "m2", "m3", "m4", "m5");

    {
        core.join(general, bob.id());
    }

    private MessageId bobsMarker() {
        return core.memberships.find(general, bob.id()).block().lastReadMessageId();
    }

    @Test
    void markingReadMovesTheMarkerAndLowersTheUnreadCount() {
        StepVerifier.create(core.readMarkerService.markRead(general, bob.id(), said.get(2).id())).verifyComplete();

        assertThat(bobsMarker()).isEqualTo(said.get(2).id());
        assertThat(core.roomService.room(general, bob.id()).block().unreadCount()).isEqualTo(2);
    }

    @Test
    void anOlderMessageNeverMovesTheMarkerBack() {
        core.readMarkerService.markRead(general, bob.id(), said.get(3).id()).block();

        StepVerifier.create(core.readMarkerService.markRead(general, bob.id(), said.get(1).id())).verifyComplete();

        assertThat(bobsMarker()).isEqualTo(said.get(3).id());
        assertThat(core.roomService.room(general, bob.id()).block().unreadCount()).isEqualTo(1);
    }

    @Test
    void aMoveIsAnnouncedToTheRoomAndAMarkBehindTheMarkerIsNot() {
        core.readMarkerService.markRead(general, bob.id(), said.get(3).id()).block();
        core.readMarkerService.markRead(general, bob.id(), said.get(1).id()).block();

        assertThat(core.signals.published()).filteredOn(RoomSignal.MarkerMoved.class::isInstance)
                .containsExactly(new RoomSignal.MarkerMoved(general, bob.id(), said.get(3).id(), said.get(3).seq()));
    }

    /** Marking the message one is at again moves nothing, so it must not fan a frame out to the room (a flood of them would). */
    @Test
    void markingTheSameMessageAgainTellsNobody() {
        for (int i = 0; i < 3; i++) {
            core.readMarkerService.markRead(general, bob.id(), said.get(2).id()).block();
        }

        assertThat(core.signals.published()).filteredOn(RoomSignal.MarkerMoved.class::isInstance).hasSize(1);
        assertThat(bobsMarker()).isEqualTo(said.get(2).id());
    }

    @Test
    void aRefusedMarkIsNotAnnounced() {
        core.readMarkerService.markRead(general, bob.id(), MessageId.of("01J0000000ZZZZZZZZZZZZZZZZ")).onErrorComplete().block();
        User outsider = core.registerUser("outsider@example.com");
        core.readMarkerService.markRead(general, outsider.id(), said.get(0).id()).onErrorComplete().block();

        assertThat(core.signals.published()).filteredOn(RoomSignal.MarkerMoved.class::isInstance).isEmpty();
    }

    @Test
    void concurrentMarksInAnyOrderEndAtTheNewest() {
        List<MessageId> shuffled = new ArrayList<>(said.stream().map(Message::id).toList());
        Collections.shuffle(shuffled);

        Flux.fromIterable(shuffled)
                .flatMap(id -> core.readMarkerService.markRead(general, bob.id(), id).subscribeOn(Schedulers.parallel()))
                .blockLast();

        assertThat(bobsMarker()).isEqualTo(said.getLast().id());
    }

    @Test
    void anUnknownMessageIsMessageNotFoundAndChangesNothing() {
        core.readMarkerService.markRead(general, bob.id(), said.get(0).id()).block();

        StepVerifier.create(core.readMarkerService.markRead(general, bob.id(), core.ids.newMessageId()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.MESSAGE_NOT_FOUND));
        assertThat(bobsMarker()).isEqualTo(said.get(0).id());
    }

    @Test
    void aMessageOfAnotherRoomIsMessageNotFound() {
        RoomId other = core.createRoom(bob.id(), "Other");
        Message elsewhere = core.storeTexts(other, bob.id(), "elsewhere").getFirst();

        StepVerifier.create(core.readMarkerService.markRead(general, bob.id(), elsewhere.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.MESSAGE_NOT_FOUND));
        assertThat(bobsMarker()).isNull();
    }

    @Test
    void onlyMembersHaveAMarkerToMove() {
        User carol = core.registerUser("carol@example.com");

        StepVerifier.create(core.readMarkerService.markRead(general, carol.id(), said.get(0).id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.readMarkerService.markRead(core.ids.newRoomId(), bob.id(), said.get(0).id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        assertThat(core.memberships.find(general, carol.id()).block()).isNull();
    }

    @Test
    void aMemberWhoLeftHasNoMarkerToMove() {
        core.membershipService.leave(general, bob.id()).block();

        StepVerifier.create(core.readMarkerService.markRead(general, bob.id(), said.get(0).id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
    }
}
