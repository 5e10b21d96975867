package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.invalid;
import static parley.application.service.Refusals.refusedWith;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.port.in.CreateRoomCommand;
import parley.application.model.RoomSummary;
import parley.domain.message.Message;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class RoomServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");

    private static List<String> names(List<RoomSummary> summaries) {
        return summaries.stream().map(summary -> summary.room().name().value()).toList();
    }

    @Test
    void creatingARoomMakesTheCreatorItsOnlyMemberAndOwner() {
        StepVerifier.create(core.roomService.create(CreateRoomCommand.of(alice.id(), "  General ", "About everything")))
                .assertNext(summary -> {
                    assertThat(summary.room().name().value()).isEqualTo("General");
                    assertThat(summary.room().description().value()).isEqualTo("About everything");
                    assertThat(summary.room().createdBy()).isEqualTo(alice.id());
                    assertThat(summary.room().createdAt()).isEqualTo(core.clock.instant());
                    assertThat(summary.room().lastMessageId()).isNull();
                    assertThat(summary.memberCount()).isEqualTo(1);
                    assertThat(summary.unreadCount()).isZero();
                    assertThat(core.memberships.find(summary.room().id(), alice.id()).block().role()).isEqualTo(Role.OWNER);
                    assertThat(core.memberships.members(summary.room().id(), null, 1000).collectList().block()).hasSize(1);
                })
                .verifyComplete();
    }

    /** M8 of the red-team review: the rooms one user creates are bounded per hour. */
    @Test
    void theTwentyFirstRoomWithinAnHourIsRateLimitedUntilTheFirstOfThemIsAnHourOld() {
        for (int i = 0; i < RoomLimits.DEFAULTS.roomsPerHour(); i++) {
            core.roomService.create(CreateRoomCommand.of(alice.id(), "room " + i, null)).block();
            core.clock.advance(java.time.Duration.ofMinutes(1));
        }

        StepVerifier.create(core.roomService.create(CreateRoomCommand.of(alice.id(), "one too many", null)))
                .verifyErrorSatisfies(error -> {
                    assertThat(error).satisfies(Refusals.refusedWith(parley.application.ErrorCode.RATE_LIMITED));
                    // the first was made 20 minutes ago: it leaves the hour in 40
                    assertThat(((parley.application.UseCaseException) error).retryAfter()).hasValue(java.time.Duration.ofMinutes(40));
                });
        StepVerifier.create(core.roomService.create(CreateRoomCommand.of(bob.id(), "someone else's", null))).expectNextCount(1).verifyComplete();

        core.clock.advance(java.time.Duration.ofMinutes(40));
        StepVerifier.create(core.roomService.create(CreateRoomCommand.of(alice.id(), "an hour later", null))).expectNextCount(1).verifyComplete();
    }

    @Test
    void theCreatorFindsTheNewRoomAmongTheirRoomsAndOthersDoNot() {
        RoomId general = core.createRoom(alice.id(), "General");

        assertThat(core.roomService.myRooms(alice.id()).collectList().block())
                .singleElement()
                .satisfies(summary -> {
                    assertThat(summary.room().id()).isEqualTo(general);
                    assertThat(summary.memberCount()).isEqualTo(1);
                });
        assertThat(core.roomService.myRooms(bob.id()).collectList().block()).isEmpty();
    }

    @Test
    void myRoomsComeNewestActivityFirstWithTheCallersUnreadCounts() {
        RoomId quiet = core.createRoom(alice.id(), "Quiet");
        core.clock.advance(Duration.ofMinutes(1));
        RoomId busy = core.createRoom(alice.id(), "Busy");
        core.clock.advance(Duration.ofMinutes(1));
        core.createRoom(alice.id(), "Newest");
        core.join(quiet, bob.id());
        core.join(busy, bob.id());
        core.clock.advance(Duration.ofMinutes(1));
        List<Message> said = core.storeTexts(quiet, alice.id(), "one", "two", "three");

        // a message makes the oldest room the most recently active one
        assertThat(names(core.roomService.myRooms(alice.id()).collectList().block())).containsExactly("Quiet", "Newest", "Busy");
        List<RoomSummary> bobs = core.roomService.myRooms(bob.id()).collectList().block();
        assertThat(names(bobs)).containsExactly("Quiet", "Busy");
        assertThat(bobs.get(0).unreadCount()).isEqualTo(3);
        assertThat(bobs.get(0).memberCount()).isEqualTo(2);
        assertThat(bobs.get(1).unreadCount()).isZero();

        core.readMarkerService.markRead(quiet, bob.id(), said.get(0).id()).block();

        assertThat(core.roomService.myRooms(bob.id()).blockFirst().unreadCount()).isEqualTo(2);
    }

    @Test
    void discoveryOffersOnlyRoomsTheCallerIsNotIn() {
        core.createRoom(alice.id(), "Alice's");
        RoomId joined = core.createRoom(alice.id(), "Joined by Bob");
        core.createRoom(bob.id(), "Bob's own");
        core.join(joined, bob.id());

        assertThat(names(core.roomService.discover(bob.id(), null, null).collectList().block())).containsExactly("Alice's");
        assertThat(names(core.roomService.discover(alice.id(), "", null).collectList().block())).containsExactly("Bob's own");
    }

    @Test
    void discoveryFiltersByANameFragmentWhateverItsCase() {
        core.createRoom(alice.id(), "General chat");
        core.clock.advance(Duration.ofSeconds(1));
        core.createRoom(alice.id(), "Random");
        core.clock.advance(Duration.ofSeconds(1));
        core.createRoom(alice.id(), "GENERATIONS");

        assertThat(names(core.roomService.discover(bob.id(), "  gEnEr ", 10).collectList().block()))
                .containsExactly("GENERATIONS", "General chat");
        assertThat(names(core.roomService.discover(bob.id(), "nothing like it", 10).collectList().block())).isEmpty();
    }

    @Test
    void discoveryReturnsAtMostLimitRoomsNewestActivityFirst() {
        for (int i = 1; i <= 25; i++) {
            core.createRoom(alice.id(), "Room " + i);
            core.clock.advance(Duration.ofMinutes(4)); // fifteen an hour: within the creation limit
        }

        assertThat(names(core.roomService.discover(bob.id(), null, 3).collectList().block()))
                .containsExactly("Room 25", "Room 24", "Room 23");
        assertThat(core.roomService.discover(bob.id(), null, null).collectList().block()).hasSize(20);
        assertThat(core.roomService.discover(bob.id(), null, 100).collectList().block()).hasSize(25);
        assertThat(core.roomService.discover(bob.id(), null, 1).collectList().block()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 101, 1000})
    void aDiscoveryLimitOutside1To100IsRefusedNamingTheLimit(int limit) {
        StepVerifier.create(core.roomService.discover(bob.id(), null, limit))
                .verifyErrorSatisfies(invalid("limit"));
    }

    @Test
    void aDiscoveryQueryLongerThan100CharactersIsRefused() {
        StepVerifier.create(core.roomService.discover(bob.id(), "q".repeat(101), 10))
                .verifyErrorSatisfies(invalid("q"));
        StepVerifier.create(core.roomService.discover(bob.id(), "q".repeat(100), 10))
                .verifyComplete();
    }

    @Test
    void aDiscoveryQueryOf100EmojiIsWithinTheLimit() {
        StepVerifier.create(core.roomService.discover(bob.id(), "🎉".repeat(100), 10))
                .verifyComplete();
    }

    @Test
    void aMemberGetsTheRoomWithItsFigures() {
        RoomId general = core.createRoom(alice.id(), "General");
        core.join(general, bob.id());
        core.storeTexts(general, alice.id(), "hello", "anyone?");

        StepVerifier.create(core.roomService.room(general, bob.id()))
                .assertNext(summary -> {
                    assertThat(summary.room().id()).isEqualTo(general);
                    assertThat(summary.room().lastSeq()).isEqualTo(2);
                    assertThat(summary.memberCount()).isEqualTo(2);
                    assertThat(summary.unreadCount()).isEqualTo(2);
                })
                .verifyComplete();
    }

    @Test
    void anUnknownRoomIsRoomNotFoundAndSomeoneElsesRoomIsNotAMember() {
        RoomId alicesRoom = core.createRoom(alice.id(), "Private-ish");

        StepVerifier.create(core.roomService.room(core.ids.newRoomId(), bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        StepVerifier.create(core.roomService.room(alicesRoom, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
    }
}
