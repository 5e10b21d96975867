package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.invalid;
import static parley.application.service.Refusals.refusedWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.SequentialIdGenerator;
import parley.application.fake.TestCore;
import parley.application.port.in.CatchUpQuery;
import parley.application.model.HistoryPage;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class HistoryServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");
    private final RoomId general = core.createRoom(alice.id(), "General");

    private List<Message> tenMessages() {
        return core.storeTexts(general, alice.id(), "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(message -> message.content().value()).toList();
    }

    private List<String> history(HistoryPage page) {
        return texts(core.historyService.history(general, alice.id(), page).collectList().block());
    }

    @Test
    void theLatestPageIsTheNewestMessagesInAscendingOrder() {
        tenMessages();

        assertThat(history(HistoryPage.of(3, null, null))).containsExactly("m8", "m9", "m10");
        assertThat(history(HistoryPage.of(null, null, null))).hasSize(10).startsWith("m1").endsWith("m10");
    }

    @Test
    void beforeGivesTheNewestMessagesOlderThanTheCursorInAscendingOrder() {
        List<Message> said = tenMessages();

        assertThat(history(HistoryPage.of(3, said.get(4).id().value(), null))).containsExactly("m2", "m3", "m4");
        assertThat(history(HistoryPage.of(50, said.get(2).id().value(), null))).containsExactly("m1", "m2");
        assertThat(history(HistoryPage.of(50, said.get(0).id().value(), null))).isEmpty();
    }

    @Test
    void afterGivesTheOldestMessagesNewerThanTheCursorInAscendingOrder() {
        List<Message> said = tenMessages();

        assertThat(history(HistoryPage.of(3, null, said.get(4).id().value()))).containsExactly("m6", "m7", "m8");
        assertThat(history(HistoryPage.of(50, null, said.get(7).id().value()))).containsExactly("m9", "m10");
        assertThat(history(HistoryPage.of(50, null, said.get(9).id().value()))).isEmpty();
    }

    @Test
    void aCursorThatIsNotAMessageOfTheRoomIsMessageNotFound() {
        tenMessages();
        RoomId other = core.createRoom(alice.id(), "Other");
        MessageId elsewhere = core.storeTexts(other, alice.id(), "elsewhere").getFirst().id();

        StepVerifier.create(core.historyService.history(general, alice.id(), new HistoryPage.After(MessageId.of("00000000000000000000000000"), 2)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.MESSAGE_NOT_FOUND));
        StepVerifier.create(core.historyService.history(general, alice.id(), new HistoryPage.Before(elsewhere, 2)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void historyIsInSeqOrderEvenWhenIdsAreInAnotherOrder() {
        // the worker may persist a later-accepted message first: seq follows arrival, and history follows seq
        MessageId earlyId = core.ids.newMessageId();
        MessageId lateId = core.ids.newMessageId();
        core.messages.storeBatch(List.of(text(lateId, "accepted second"), text(earlyId, "accepted first"))).block();

        assertThat(history(new HistoryPage.Latest(10))).containsExactly("accepted second", "accepted first");
        assertThat(texts(core.historyService.pageAfter(general, alice.id(), 0, 10).block().messages()))
                .containsExactly("accepted second", "accepted first");
        Message stored = core.messages.findById(general, lateId).block();
        assertThat(history(new HistoryPage.After(stored.id(), 10))).as("after the one stored first").containsExactly("accepted first");
    }

    @Test
    void historyOfOneRoomNeverShowsAnotherRoomsMessages() {
        RoomId other = core.createRoom(alice.id(), "Other");
        core.storeTexts(other, alice.id(), "elsewhere");
        core.storeTexts(general, alice.id(), "here");

        assertThat(history(new HistoryPage.Latest(50))).containsExactly("here");
    }

    @Test
    void historyIsForMembersOnly() {
        tenMessages();

        StepVerifier.create(core.historyService.history(general, bob.id(), new HistoryPage.Latest(10)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.historyService.history(core.ids.newRoomId(), alice.id(), new HistoryPage.Latest(10)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void aCatchUpPageHoldsTheMessagesRightAfterTheGivenSeqInSeqOrderAndSaysWhetherMoreFollow() {
        storeNumbered(250);
        core.join(general, bob.id());
        int queriesBefore = core.messages.afterSeqQueries();

        CatchUpQuery.Page first = core.historyService.pageAfter(general, bob.id(), 120, 100).block();
        CatchUpQuery.Page second = core.historyService.pageAfter(general, bob.id(), first.messages().getLast().seq(), 100).block();

        assertThat(first.messages()).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(121, 220).boxed().toList());
        assertThat(first.last()).as("a full page: more may follow").isFalse();
        assertThat(second.messages()).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(221, 250).boxed().toList());
        assertThat(second.last()).isTrue();
        assertThat(second.roomLastSeq()).isEqualTo(250);
        assertThat(core.messages.afterSeqQueries() - queriesBefore).as("one query per page").isEqualTo(2);
    }

    @Test
    void anEmptyLastPageCarriesTheRoomsLastSeqSoThatAPositionBeyondItCanBeClamped() {
        storeNumbered(7);

        CatchUpQuery.Page beyond = core.historyService.pageAfter(general, alice.id(), 1_000, 100).block();
        CatchUpQuery.Page upToDate = core.historyService.pageAfter(general, alice.id(), 7, 100).block();

        assertThat(beyond.messages()).isEmpty();
        assertThat(beyond.last()).isTrue();
        assertThat(beyond.roomLastSeq()).isEqualTo(7);
        assertThat(upToDate.roomLastSeq()).isEqualTo(7);
        assertThat(core.historyService.pageAfter(core.createRoom(alice.id(), "Quiet"), alice.id(), 3, 100).block().roomLastSeq())
                .as("a room without messages").isZero();
    }

    @Test
    void aPageOfExactlyTheLimitSaysMoreMayFollowAndTheNextOneIsEmptyAndLast() {
        storeNumbered(100);

        CatchUpQuery.Page full = core.historyService.pageAfter(general, alice.id(), 0, 100).block();
        CatchUpQuery.Page next = core.historyService.pageAfter(general, alice.id(), 100, 100).block();

        assertThat(full.messages()).hasSize(100);
        assertThat(full.last()).isFalse();
        assertThat(next.messages()).isEmpty();
        assertThat(next.last()).isTrue();
    }

    @Test
    void aNegativeLastSeenSeqIsRefused() {
        StepVerifier.create(core.historyService.pageAfter(general, alice.id(), -1, 100))
                .verifyErrorSatisfies(invalid("lastSeenSeq"));
    }

    @Test
    void aPageLargerThanTheMaximumIsAProgrammingError() {
        StepVerifier.create(core.historyService.pageAfter(general, alice.id(), 0, CatchUpQuery.MAX_PAGE + 1))
                .verifyError(IllegalArgumentException.class);
        StepVerifier.create(core.historyService.pageAfter(general, alice.id(), 0, 0))
                .verifyError(IllegalArgumentException.class);
    }

    @Test
    void catchUpIsForMembersOnly() {
        tenMessages();

        StepVerifier.create(core.historyService.pageAfter(general, bob.id(), 0, 100))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.historyService.pageAfter(core.ids.newRoomId(), bob.id(), 0, 100))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void onlyMembersMayWatchARoomLive() {
        StepVerifier.create(core.historyService.mayWatch(general, alice.id())).verifyComplete();
        StepVerifier.create(core.historyService.mayWatch(general, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.historyService.mayWatch(core.ids.newRoomId(), alice.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void aMemberWhoLeftMayNoLongerWatch() {
        core.join(general, bob.id());
        core.historyService.mayWatch(general, bob.id()).block();

        core.membershipService.leave(general, bob.id()).block();

        StepVerifier.create(core.historyService.mayWatch(general, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
    }

    private MessageAccepted text(MessageId id, String text) {
        return new MessageAccepted(id, general, alice.id(), new ClientMsgId(UUID.randomUUID()), MessageContent.text(text),
                core.clock.instant());
    }

    private void storeNumbered(int count) {
        SequentialIdGenerator ids = core.ids;
        List<MessageAccepted> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            batch.add(text(ids.newMessageId(), "message " + i));
        }
        core.messages.storeBatch(batch).block();
    }
}
