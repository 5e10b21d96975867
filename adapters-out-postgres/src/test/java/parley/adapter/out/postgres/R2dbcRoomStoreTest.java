package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import parley.domain.message.Message;
import org.junit.jupiter.api.Test;
import parley.application.model.RoomSummary;
import parley.domain.room.DirectPair;
import parley.domain.room.Membership;
import parley.domain.room.Role;
import parley.domain.room.Room;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomId;
import parley.domain.room.RoomKind;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.User;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class R2dbcRoomStoreTest extends MigratedDatabaseTest {

    @Test
    void aNewRoomIsStoredWithItsOwnerAsMember() {
        User alice = chat.user("alice");
        var now = chat.tick();
        Room room = Room.create(TestIds.roomId(), RoomName.of("Design"), new RoomDescription("Line one\nline two"), alice.id(), now);

        Room stored = chat.rooms.insert(room, Membership.owner(room.id(), alice.id(), now)).block();

        assertThat(stored).isEqualTo(room);
        assertThat(chat.rooms.findById(room.id()).block()).isEqualTo(room);
        assertThat(chat.memberships.find(room.id(), alice.id()).block())
                .isEqualTo(new Membership(room.id(), alice.id(), Role.OWNER, now, null));
    }

    @Test
    void aPrivateRoomAndADirectRoomKeepTheirVisibilityAndPair() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        var now = chat.tick();
        Room secret = Room.create(TestIds.roomId(), RoomName.of("Secret"), RoomDescription.NONE, Visibility.PRIVATE, alice.id(), now);
        Room direct = Room.direct(TestIds.roomId(), DirectPair.of(bob.id(), alice.id()), bob.id(), now);

        assertThat(chat.rooms.insert(secret, Membership.owner(secret.id(), alice.id(), now)).block()).isEqualTo(secret);
        assertThat(chat.rooms.insert(direct, Membership.member(direct.id(), bob.id(), now)).block()).isEqualTo(direct);

        assertThat(chat.rooms.findById(secret.id()).block().visibility()).isEqualTo(Visibility.PRIVATE);
        Room foundDirect = chat.rooms.findById(direct.id()).block();
        assertThat(foundDirect).isEqualTo(direct);
        assertThat(foundDirect.kind()).isEqualTo(RoomKind.DIRECT);
        assertThat(foundDirect.direct().peerOf(alice.id())).isEqualTo(bob.id());
    }

    @Test
    void anUpdateChangesOnlyTheNamedPartsAndNeverADirectRoom() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Before");
        chat.rooms.update(room.id(), new RoomChanges(null, RoomDescription.of("About"), null)).block();

        Room changed = chat.rooms.update(room.id(), new RoomChanges(RoomName.of("After"), null, Visibility.PRIVATE)).block();

        assertThat(changed.name().value()).isEqualTo("After");
        assertThat(changed.description().value()).isEqualTo("About");
        assertThat(changed.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(chat.rooms.findById(room.id()).block()).isEqualTo(changed);
        assertThat(chat.rooms.update(room.id(), new RoomChanges(null, RoomDescription.NONE, null)).block().description().isEmpty()).isTrue();
        var now = chat.tick();
        Room direct = Room.direct(TestIds.roomId(), DirectPair.of(alice.id(), bob.id()), alice.id(), now);
        chat.rooms.insert(direct, Membership.member(direct.id(), alice.id(), now)).block();
        StepVerifier.create(chat.rooms.update(direct.id(), new RoomChanges(RoomName.of("Ours"), null, null))).verifyComplete();
        StepVerifier.create(chat.rooms.update(TestIds.roomId(), new RoomChanges(RoomName.of("Nowhere"), null, null))).verifyComplete();
    }

    @Test
    void discoveryNeverOffersAPrivateRoomAndSummariesCarryTheViewersRole() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        String tag = TestIds.next();
        Room open = chat.room(alice, "Open " + tag);
        Room secret = chat.room(alice, "Secret " + tag);
        chat.rooms.update(secret.id(), new RoomChanges(null, null, Visibility.PRIVATE)).block();

        List<RoomSummary> found = chat.rooms.discover(bob.id(), tag, 10).collectList().block();

        assertThat(found).extracting(summary -> summary.room().id()).containsExactly(open.id());
        assertThat(found.getFirst().myRole()).isNull();
        assertThat(chat.rooms.summary(secret.id(), alice.id()).block().myRole()).isEqualTo(Role.OWNER);
        assertThat(chat.rooms.summary(open.id(), bob.id()).block().myRole()).isNull();
        assertThat(chat.rooms.findRoomsOf(alice.id()).collectList().block()).extracting(RoomSummary::myRole).containsOnly(Role.OWNER);
    }

    @Test
    void aSecondRoomForTheSamePairIsRefusedByTheDatabase() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        var now = chat.tick();
        Room first = Room.direct(TestIds.roomId(), DirectPair.of(alice.id(), bob.id()), alice.id(), now);
        Room second = Room.direct(TestIds.roomId(), DirectPair.of(bob.id(), alice.id()), bob.id(), now);
        chat.rooms.insert(first, Membership.member(first.id(), alice.id(), now)).block();

        StepVerifier.create(chat.rooms.insert(second, Membership.member(second.id(), bob.id(), now))).expectError().verify();

        StepVerifier.create(chat.rooms.findById(second.id())).verifyComplete();
    }

    @Test
    void fiftyConcurrentDirectInsertsOfOnePairStoreOneRoomWithBothMembersAndEachSeesThePeer() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        var now = chat.tick();
        DirectPair pair = DirectPair.of(alice.id(), bob.id());

        List<Room> stored = Flux.range(0, 50)
                .flatMap(i -> {
                    Room room = Room.direct(TestIds.roomId(), pair, i % 2 == 0 ? alice.id() : bob.id(), now);
                    return chat.rooms.insertDirect(room, Membership.member(room.id(), pair.first(), now),
                            Membership.member(room.id(), pair.second(), now));
                }, 50)
                .collectList().block();

        assertThat(stored).hasSize(1);
        Room room = stored.getFirst();
        assertThat(chat.rooms.findDirect(pair).block()).isEqualTo(room);
        RoomSummary seenByAlice = chat.rooms.summary(room.id(), alice.id()).block();
        assertThat(seenByAlice.memberCount()).isEqualTo(2);
        assertThat(seenByAlice.myRole()).isEqualTo(Role.MEMBER);
        assertThat(seenByAlice.peer().id()).isEqualTo(bob.id());
        assertThat(seenByAlice.peer().displayName()).isEqualTo(bob.displayName());
        assertThat(chat.rooms.findRoomsOf(bob.id()).collectList().block())
                .singleElement().satisfies(summary -> assertThat(summary.peer().id()).isEqualTo(alice.id()));
        assertThat(chat.rooms.summary(room.id(), chat.user("carol").id()).block().peer()).isNull();
    }

    @Test
    void aGroupRoomHasNoPeer() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Design");

        assertThat(chat.rooms.summary(room.id(), alice.id()).block().peer()).isNull();
        assertThat(chat.rooms.findRoomsOf(alice.id()).blockFirst().peer()).isNull();
        StepVerifier.create(chat.rooms.findDirect(DirectPair.of(alice.id(), chat.user("bob").id()))).verifyComplete();
    }

    @Test
    void aRoomWhoseOwnerCannotBeStoredIsNotStoredEither() {
        User alice = chat.user("alice");
        var now = chat.tick();
        Room room = Room.create(TestIds.roomId(), RoomName.of("Half"), RoomDescription.NONE, alice.id(), now);
        Membership ghostOwner = Membership.owner(room.id(), TestIds.userId(), now);

        StepVerifier.create(chat.rooms.insert(room, ghostOwner)).expectError().verify();

        StepVerifier.create(chat.rooms.findById(room.id())).verifyComplete();
    }

    @Test
    void anUnknownRoomIsNotFound() {
        StepVerifier.create(chat.rooms.findById(TestIds.roomId())).verifyComplete();
        StepVerifier.create(chat.rooms.summary(TestIds.roomId(), chat.user("x").id())).verifyComplete();
    }

    @Test
    void myRoomsComeNewestActivityFirstWithMemberAndUnreadCounts() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        User carol = chat.user("carol");
        Room quiet = chat.room(alice, "Quiet");          // created first, never a message
        Room busy = chat.room(bob, "Busy");              // alice joins; messages later
        Room fresh = chat.room(alice, "Fresh");          // created after everything in busy's first batch
        chat.join(busy, alice);
        chat.join(busy, carol);
        chat.room(bob, "Not mine");

        chat.messages.storeBatch(List.of(
                chat.text(busy, bob, "one"), chat.text(busy, carol, "two"), chat.text(busy, alice, "mine"))).block();

        List<RoomSummary> mine = chat.rooms.findRoomsOf(alice.id()).collectList().block();

        // busy's last message is newer than fresh's creation, fresh is newer than quiet
        assertThat(mine).extracting(summary -> summary.room().name().value()).containsExactly("Busy", "Fresh", "Quiet");
        RoomSummary busySummary = mine.getFirst();
        assertThat(busySummary.memberCount()).isEqualTo(3);
        assertThat(busySummary.unreadCount()).as("alice's own message is not unread to her").isEqualTo(2);
        assertThat(busySummary.room().lastSeq()).isEqualTo(3);
        assertThat(mine.get(1).memberCount()).isEqualTo(1);
        assertThat(mine.get(1).unreadCount()).isZero();
        assertThat(quiet.id()).isEqualTo(mine.get(2).room().id());
        assertThat(fresh.id()).isEqualTo(mine.get(1).room().id());
    }

    @Test
    void roomsWithTheSameActivityTimeComeInDescendingIdOrder() {
        User alice = chat.user("alice");
        var sameMoment = chat.tick();
        Room first = Room.create(TestIds.roomId(), RoomName.of("A"), RoomDescription.NONE, alice.id(), sameMoment);
        Room second = Room.create(TestIds.roomId(), RoomName.of("B"), RoomDescription.NONE, alice.id(), sameMoment);
        chat.rooms.insert(first, Membership.owner(first.id(), alice.id(), sameMoment)).block();
        chat.rooms.insert(second, Membership.owner(second.id(), alice.id(), sameMoment)).block();

        assertThat(chat.rooms.findRoomsOf(alice.id()).map(summary -> summary.room().id()).collectList().block())
                .containsExactly(second.id(), first.id());
    }

    @Test
    void unreadCountsOnlyOthersMessagesAfterTheReadMarker() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Unread");
        chat.join(room, bob);
        var batch = List.of(chat.text(room, bob, "1"), chat.text(room, bob, "2"), chat.text(room, alice, "3"),
                chat.text(room, bob, "4"), chat.text(room, bob, "5"));
        List<Message> stored = chat.messages.storeBatch(batch).block().stored();

        assertThat(chat.rooms.summary(room.id(), alice.id()).block().unreadCount()).isEqualTo(4);
        assertThat(chat.rooms.summary(room.id(), bob.id()).block().unreadCount()).isEqualTo(1);

        chat.memberships.advanceReadMarker(room.id(), alice.id(), position(stored.get(1))).block();
        assertThat(chat.rooms.summary(room.id(), alice.id()).block().unreadCount()).isEqualTo(2);
        assertThat(chat.rooms.findRoomsOf(alice.id()).blockFirst().unreadCount()).isEqualTo(2);

        chat.memberships.advanceReadMarker(room.id(), alice.id(), position(stored.get(4))).block();
        assertThat(chat.rooms.summary(room.id(), alice.id()).block().unreadCount()).isZero();
    }

    @Test
    void theSummaryOfARoomForANonMemberHasNothingUnread() {
        User alice = chat.user("alice");
        User stranger = chat.user("stranger");
        Room room = chat.room(alice, "Closed");
        chat.messages.storeBatch(List.of(chat.text(room, alice, "hello"))).block();

        RoomSummary summary = chat.rooms.summary(room.id(), stranger.id()).block();

        assertThat(summary.room().id()).isEqualTo(room.id());
        assertThat(summary.memberCount()).isEqualTo(1);
        assertThat(summary.unreadCount()).isZero();
    }

    @Test
    void discoveryFindsRoomsIAmNotInByNameFragmentInAnyCase() {
        String tag = uniqueTag();
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room joined = chat.room(alice, "Java " + tag + " joined");
        Room open = chat.room(bob, "JAVA " + tag + " open");
        Room other = chat.room(bob, "Kotlin " + tag);
        chat.join(joined, bob);

        List<RoomSummary> found = chat.rooms.discover(alice.id(), "java " + tag.toLowerCase(), 10).collectList().block();

        assertThat(found).extracting(summary -> summary.room().id()).containsExactly(open.id());
        assertThat(found.getFirst().memberCount()).isEqualTo(1);
        assertThat(found.getFirst().unreadCount()).isZero();
        assertThat(chat.rooms.discover(alice.id(), tag, 10).map(summary -> summary.room().id()).collectList().block())
                .containsExactly(other.id(), open.id());
    }

    @Test
    void discoveryTakesPercentUnderscoreAndBackslashLiterally() {
        String tag = uniqueTag();
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room percent = chat.room(bob, tag + " 100% fun");
        chat.room(bob, tag + " 1000 fun");
        Room underscore = chat.room(bob, tag + " snake_case");
        chat.room(bob, tag + " snakeXcase");
        Room backslash = chat.room(bob, tag + " C:\\temp");
        chat.room(bob, tag + " C:temp");

        assertThat(ids(chat.rooms.discover(alice.id(), "0% f", 10))).containsExactly(percent.id());
        assertThat(ids(chat.rooms.discover(alice.id(), "e_c", 10))).containsExactly(underscore.id());
        assertThat(ids(chat.rooms.discover(alice.id(), ":\\t", 10))).containsExactly(backslash.id());
        assertThat(ids(chat.rooms.discover(alice.id(), "%", 10))).containsExactly(percent.id());
    }

    @Test
    void discoveryWithABlankQueryListsAllRoomsIAmNotInNewestFirstUpToTheLimit() {
        User loner = chat.user("loner");
        Room own = chat.room(loner, "Own " + uniqueTag());
        User bob = chat.user("bob");
        Room older = chat.room(bob, "Older " + uniqueTag());
        Room newer = chat.room(bob, "Newer " + uniqueTag());

        List<RoomSummary> page = chat.rooms.discover(loner.id(), "  ", 2).collectList().block();

        assertThat(page).extracting(summary -> summary.room().id()).containsExactly(newer.id(), older.id());
        assertThat(ids(chat.rooms.discover(loner.id(), null, 100))).doesNotContain(own.id()).contains(newer.id(), older.id());
    }

    private static List<RoomId> ids(Flux<RoomSummary> summaries) {
        return summaries.map(summary -> summary.room().id()).collectList().block();
    }

    private static String uniqueTag() {
        return "t" + TestIds.next().substring(16);
    }

    private static parley.domain.room.ReadPosition position(Message message) {
        return new parley.domain.room.ReadPosition(message.id(), message.seq());
    }

    @Test
    void theIdsOfAUsersRoomsComeWithoutFigures() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room mine = chat.room(alice, "Mine");
        Room joined = chat.room(bob, "Joined");
        chat.room(bob, "Not mine");
        chat.join(joined, alice);

        assertThat(chat.rooms.findRoomIdsOf(alice.id()).collectList().block()).containsExactlyInAnyOrder(mine.id(), joined.id());
        StepVerifier.create(chat.rooms.findRoomIdsOf(chat.user("nobody").id())).verifyComplete();
    }

    /** M8: however far behind the reader is, a room's unread count reads at most a thousand index entries. */
    @Test
    void theUnreadCountStopsAtItsCap() {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Busy");
        chat.join(room, bob);
        List<parley.domain.message.MessageAccepted> batch = new java.util.ArrayList<>();
        for (int i = 0; i < parley.application.port.out.RoomStore.UNREAD_CAP + 5; i++) {
            batch.add(chat.text(room, alice, "m" + i));
        }
        chat.messages.storeBatch(batch).block();

        assertThat(chat.rooms.summary(room.id(), bob.id()).block().unreadCount()).isEqualTo(parley.application.port.out.RoomStore.UNREAD_CAP);
        assertThat(chat.rooms.summary(room.id(), alice.id()).block().unreadCount()).as("her own").isZero();
    }

    @Test
    void theRoomsAUserCreatedSinceAMomentAreCountedWithTheFirstOfThem() {
        User alice = chat.user("alice");
        Room first = chat.room(alice, "One");
        chat.room(alice, "Two");
        chat.room(chat.user("bob"), "Not hers");

        var recent = chat.rooms.createdSince(alice.id(), RoomKind.GROUP, first.createdAt().minusSeconds(1)).block();
        assertThat(recent.count()).isEqualTo(2);
        assertThat(recent.first()).isEqualTo(first.createdAt());
        var none = chat.rooms.createdSince(alice.id(), RoomKind.GROUP, chat.tick()).block();
        assertThat(none.count()).isZero();
        assertThat(none.first()).isNull();
    }

    @Test
    void groupAndDirectRoomsAreCountedApart() {
        User alice = chat.user("alice");
        var before = chat.tick();
        chat.room(alice, "Group");
        for (String name : new String[] {"bob", "carol", "dan"}) {
            var now = chat.tick();
            Room direct = Room.direct(TestIds.roomId(), DirectPair.of(alice.id(), chat.user(name).id()), alice.id(), now);
            chat.rooms.insertDirect(direct, Membership.member(direct.id(), direct.direct().first(), now),
                    Membership.member(direct.id(), direct.direct().second(), now)).block();
        }

        assertThat(chat.rooms.createdSince(alice.id(), RoomKind.GROUP, before).block().count()).isEqualTo(1);
        assertThat(chat.rooms.createdSince(alice.id(), RoomKind.DIRECT, before).block().count()).isEqualTo(3);
    }
}
