package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.util.List;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.model.HistoryPage;
import parley.application.model.RoomSummary;
import parley.application.port.in.CreateRoomCommand;
import parley.application.port.in.SendMessageCommand;
import parley.domain.room.Role;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomId;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.User;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** PROTOCOL-1.1 §2 and §7: a private room does not exist for a non-member; the owner and admins change rooms. */
class PrivateRoomsTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");
    private final RoomId secret = createRoom(alice, "Secret", Visibility.PRIVATE);

    private RoomId createRoom(User owner, String name, Visibility visibility) {
        return core.roomService.create(new CreateRoomCommand(owner.id(), RoomName.of(name), RoomDescription.NONE, visibility))
                .block().room().id();
    }

    @Test
    void aPrivateRoomIsCreatedPrivateWithItsCreatorAsOwner() {
        RoomSummary summary = core.roomService.room(secret, alice.id()).block();

        assertThat(summary.room().visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(summary.myRole()).isEqualTo(Role.OWNER);
        assertThat(core.roomService.myRooms(alice.id()).collectList().block()).extracting(s -> s.room().id()).containsExactly(secret);
    }

    @Test
    void everyPathAnswersRoomNotFoundToANonMemberExactlyAsForAnUnknownRoom() {
        String messageId = core.storeTexts(secret, alice.id(), "hush").getFirst().id().value();

        for (RoomId room : List.of(secret, core.ids.newRoomId())) {
            List<Mono<?>> paths = List.of(
                    core.roomService.room(room, bob.id()),
                    core.membershipService.join(room, bob.id()),
                    core.membershipService.leave(room, bob.id()),
                    core.membershipService.members(room, bob.id(), null, null),
                    core.historyService.history(room, bob.id(), new HistoryPage.Latest(10)).collectList(),
                    core.historyService.pageAfter(room, bob.id(), 0, 10),
                    core.historyService.mayWatch(room, bob.id()),
                    core.readMarkerService.markRead(room, bob.id(), parley.domain.message.MessageId.of(messageId)),
                    core.sendMessageService.send(SendMessageCommand.of(room.value(), bob.id(), java.util.UUID.randomUUID().toString(), "TEXT", "hi")),
                    core.roomService.update(room, bob.id(), new RoomChanges(RoomName.of("Mine now"), null, null)),
                    core.guard.requireMember(room, bob.id()));
            for (Mono<?> path : paths) {
                StepVerifier.create(path).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
            }
        }
    }

    @Test
    void aPrivateRoomIsNeverDiscoveredButAPublicOneIs() {
        createRoom(alice, "Open", Visibility.PUBLIC);

        assertThat(core.roomService.discover(bob.id(), null, null).collectList().block())
                .extracting(s -> s.room().name().value()).containsExactly("Open");
    }

    @Test
    void aPublicRoomStillSaysNotAMember() {
        RoomId open = createRoom(alice, "Open", Visibility.PUBLIC);

        StepVerifier.create(core.roomService.room(open, bob.id())).verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.roomService.update(open, bob.id(), new RoomChanges(null, null, Visibility.PRIVATE)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
    }

    @Test
    void theOwnerRenamesAndMakesARoomPublicAndOnlyWhatTheChangeNamesChanges() {
        RoomId room = createRoom(alice, "Before", Visibility.PRIVATE);
        core.roomService.update(room, alice.id(), new RoomChanges(null, RoomDescription.of("About it"), null)).block();

        RoomSummary changed = core.roomService.update(room, alice.id(), new RoomChanges(RoomName.of("After"), null, Visibility.PUBLIC)).block();

        assertThat(changed.room().name().value()).isEqualTo("After");
        assertThat(changed.room().description().value()).isEqualTo("About it");
        assertThat(changed.room().visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(changed.myRole()).isEqualTo(Role.OWNER);
        assertThat(core.roomService.discover(bob.id(), null, null).collectList().block())
                .extracting(s -> s.room().id()).containsExactly(room);
    }

    @Test
    void aMemberCannotChangeTheRoom() {
        RoomId open = createRoom(alice, "Open", Visibility.PUBLIC);
        core.join(open, bob.id());

        StepVerifier.create(core.roomService.update(open, bob.id(), new RoomChanges(RoomName.of("Bob's"), null, null)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_ALLOWED));
        assertThat(core.roomService.room(open, alice.id()).block().room().name().value()).isEqualTo("Open");
    }

    @Test
    void anEmptyChangeReturnsTheRoomUnchanged() {
        RoomSummary same = core.roomService.update(secret, alice.id(), new RoomChanges(null, null, null)).block();

        assertThat(same.room().name().value()).isEqualTo("Secret");
    }

    @Test
    void aRoomMadePrivateDisappearsForNonMembersAndStaysForMembers() {
        RoomId open = createRoom(alice, "Open", Visibility.PUBLIC);
        core.join(open, bob.id());
        User carol = core.registerUser("carol@example.com");

        core.roomService.update(open, alice.id(), new RoomChanges(null, null, Visibility.PRIVATE)).block();

        assertThat(core.roomService.room(open, bob.id()).block().myRole()).isEqualTo(Role.MEMBER);
        StepVerifier.create(core.roomService.room(open, carol.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        assertThat(core.roomService.discover(carol.id(), null, null).collectList().block()).isEmpty();
    }

    @Test
    void aMemberOfAPrivateRoomLeavesIt() {
        RoomId open = createRoom(alice, "Open", Visibility.PUBLIC);
        core.join(open, bob.id());
        core.roomService.update(open, alice.id(), new RoomChanges(null, null, Visibility.PRIVATE)).block();

        core.membershipService.leave(open, bob.id()).block();

        StepVerifier.create(core.roomService.room(open, bob.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        StepVerifier.create(core.membershipService.join(open, bob.id())).verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }
}
