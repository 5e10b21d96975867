package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import parley.application.fake.InMemoryMessageStore;
import parley.application.fake.MutableClock;
import parley.application.fake.SequentialIdGenerator;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

class RoomHistoryEndpointsTest extends WebTest {

    @Autowired
    MutableClock clock;
    @Autowired
    SequentialIdGenerator ids;
    @Autowired
    InMemoryMessageStore messages;

    List<Message> store(String roomId, Account sender, MessageContent... contents) {
        List<MessageAccepted> batch = new ArrayList<>();
        for (MessageContent content : contents) {
            batch.add(new MessageAccepted(ids.newMessageId(), RoomId.of(roomId), UserId.of(sender.id()),
                    new ClientMsgId(UUID.randomUUID()), content, clock.instant()));
        }
        return messages.storeBatch(batch).block().stored();
    }

    List<String> storeTexts(String roomId, Account sender, int count) {
        MessageContent[] texts = new MessageContent[count];
        for (int i = 0; i < count; i++) {
            texts[i] = MessageContent.text("message " + (i + 1));
        }
        return store(roomId, sender, texts).stream().map(message -> message.id().value()).toList();
    }

    WebTestClient.ResponseSpec history(Account account, String roomId, String query) {
        return client.get().uri("/rooms/" + roomId + "/messages" + query).headers(bearer(account)).exchange();
    }

    List<Object> historyIds(Account account, String roomId, String query) {
        return history(account, roomId, query).expectStatus().isOk()
                .expectBody(JSON_ARRAY).returnResult().getResponseBody()
                .stream().map(message -> message.get("id")).toList();
    }

    @Test
    void answersMessagesWithEveryFieldOfTheContract() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);
        Message text = store(roomId, sender, MessageContent.text("  hello  ")).getFirst();
        Message image = store(roomId, sender, MessageContent.image("https://example.com/cat.png")).getFirst();

        List<Map<String, Object>> page = history(sender, roomId, "").expectStatus().isOk()
                .expectBody(JSON_ARRAY).returnResult().getResponseBody();

        assertThat(page).hasSize(2);
        assertThat(page.get(0)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", text.id().value(),
                "roomId", roomId,
                "senderId", sender.id(),
                "clientMsgId", text.clientMsgId().value().toString(),
                "type", "TEXT",
                "content", "hello",
                "createdAt", clock.instant().toString(),
                "seq", 1));
        assertThat(page.get(1)).containsEntry("id", image.id().value()).containsEntry("type", "IMAGE")
                .containsEntry("content", "https://example.com/cat.png").containsEntry("seq", 2);
    }

    @Test
    void withoutACursorAnswersTheLatestPageInAscendingOrder() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);
        List<String> ids = storeTexts(roomId, sender, 5);

        assertThat(historyIds(sender, roomId, "")).containsExactlyElementsOf(ids);
        assertThat(historyIds(sender, roomId, "?limit=2")).containsExactly(ids.get(3), ids.get(4));
    }

    @Test
    void beforeAnswersTheNewestOlderMessagesInAscendingOrder() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);
        List<String> ids = storeTexts(roomId, sender, 5);

        assertThat(historyIds(sender, roomId, "?before=" + ids.get(3) + "&limit=2")).containsExactly(ids.get(1), ids.get(2));
    }

    @Test
    void afterAnswersTheOldestNewerMessagesInAscendingOrder() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);
        List<String> ids = storeTexts(roomId, sender, 5);

        assertThat(historyIds(sender, roomId, "?after=" + ids.get(1) + "&limit=2")).containsExactly(ids.get(2), ids.get(3));
    }

    /** PROTOCOL-1.1 §7: a cursor is looked up for its seq; one that is not a message of the room is 404. */
    @Test
    void aCursorThatIsNotAMessageOfTheRoomIsMessageNotFound() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);
        String elsewhere = storeTexts(createRoomId(sender), sender, 1).getFirst();
        storeTexts(roomId, sender, 2);

        expectProblem(history(sender, roomId, "?after=" + elsewhere), HttpStatus.NOT_FOUND, "MESSAGE_NOT_FOUND");
        expectProblem(history(sender, roomId, "?before=00000000000000000000000000"), HttpStatus.NOT_FOUND, "MESSAGE_NOT_FOUND");
    }

    @Test
    void theLimitDefaultsTo50() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);
        List<String> ids = storeTexts(roomId, sender, 51);

        assertThat(historyIds(sender, roomId, "")).hasSize(50).startsWith(ids.get(1)).endsWith(ids.get(50));
    }

    @Test
    void beforeAndAfterTogetherAreRefused() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);
        List<String> ids = storeTexts(roomId, sender, 2);

        Map<String, Object> problem = expectProblem(history(sender, roomId, "?before=" + ids.get(1) + "&after=" + ids.get(0)),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

        assertThat(fieldErrors(problem)).containsOnlyKeys("before");
    }

    @Test
    void aLimitOutOfRangeIsRefusedNamingIt() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);

        assertThat(fieldErrors(expectProblem(history(sender, roomId, "?limit=0"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("limit");
        assertThat(fieldErrors(expectProblem(history(sender, roomId, "?limit=101"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("limit");
    }

    @Test
    void aCursorThatIsNotAMessageIdIsRefusedNamingIt() {
        Account sender = newAccount();
        String roomId = createRoomId(sender);

        assertThat(fieldErrors(expectProblem(history(sender, roomId, "?after=yesterday"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("after");
    }

    @Test
    void aWrongRoomIdAndALimitThatIsNotANumberAreBothReported() {
        Map<String, Object> problem = expectProblem(history(newAccount(), "lobby", "?limit=many"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

        assertThat(fieldErrors(problem)).containsOnlyKeys("roomId", "limit");
    }

    @Test
    void isForMembersOnly() {
        Account owner = newAccount();
        String roomId = createRoomId(owner);

        expectProblem(history(newAccount(), roomId, ""), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
    }

    @Test
    void anUnknownRoomIsNotFound() {
        expectProblem(history(newAccount(), "01J0000000ZZZZZZZZZZZZZZZZ", ""), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
    }
}
