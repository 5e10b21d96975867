package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import parley.application.fake.InMemoryMessageStore;
import parley.application.fake.MutableClock;
import parley.application.fake.SequentialIdGenerator;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PROTOCOL-1.1 §2: the live frames of a room's people and state on {@code /ws} — {@code member} to the
 * room's sockets, {@code removed} to a departed user's own sockets (and nothing more of the room),
 * {@code roomUpdated} after a change and to the peer of a new direct room, {@code invited} to the
 * invitee. One gateway here (the signal bus in memory); the system tests cross gateways over Redis.
 */
class RoomFramesTest extends WebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    InMemoryMessageStore messages;
    @Autowired
    SequentialIdGenerator ids;
    @Autowired
    MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    private WsClient watching(Account account, String roomId) throws Exception {
        WsClient socket = WsClient.open(http, port, account.token());
        socket.send("{\"type\":\"joinRoom\",\"id\":\"j\",\"roomId\":\"" + roomId + "\"}");
        assertThat(socket.nextOf("reply")).contains("\"ok\":true");
        return socket;
    }

    private static JsonNode parse(String frame) {
        return JSON.readTree(frame);
    }

    @Test
    void aJoinAndARoleChangeAreToldToTheRoomsSockets() throws Exception {
        Account owner = newAccount();
        Account ada = newAccount();
        String room = createRoomId(owner);
        WsClient ownerSocket = watching(owner, room);

        join(ada, room);
        JsonNode joined = parse(ownerSocket.nextOf("member"));
        client.put().uri("/rooms/{r}/members/{u}", room, ada.id()).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "ADMIN")).exchange().expectStatus().isOk().expectBody().returnResult();
        JsonNode promoted = parse(ownerSocket.nextOf("member"));

        assertThat(joined.get("roomId").asString()).isEqualTo(room);
        assertThat(joined.get("userId").asString()).isEqualTo(ada.id());
        assertThat(joined.get("change").asString()).isEqualTo("JOINED");
        assertThat(joined.get("role").asString()).isEqualTo("MEMBER");
        assertThat(promoted.get("change").asString()).isEqualTo("ROLE_CHANGED");
        assertThat(promoted.get("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void aRemovedMembersSocketsGetRemovedAndNothingMoreOfTheRoomWhileTheRoomIsTold() throws Exception {
        Account owner = newAccount();
        Account ada = newAccount();
        String room = createRoomId(owner);
        join(ada, room);
        WsClient ownerSocket = watching(owner, room);
        WsClient adaSocket = watching(ada, room);
        WsClient adaElsewhere = WsClient.open(http, port, ada.token());

        client.delete().uri("/rooms/{r}/members/{u}", room, ada.id()).headers(bearer(owner)).exchange().expectStatus().isNoContent()
                .expectBody().isEmpty();

        JsonNode removed = parse(adaSocket.nextOf("removed"));
        assertThat(removed.get("roomId").asString()).isEqualTo(room);
        assertThat(removed.get("reason").asString()).isEqualTo("REMOVED");
        assertThat(parse(adaElsewhere.nextOf("removed")).get("reason").asString()).as("every socket of theirs").isEqualTo("REMOVED");
        JsonNode told = parse(ownerSocket.nextOf("member"));
        assertThat(told.get("change").asString()).isEqualTo("REMOVED");
        assertThat(told.get("userId").asString()).isEqualTo(ada.id());
        assertThat(told.has("role")).isTrue();
        assertThat(told.get("role").isNull()).isTrue();

        // what the room says afterwards reaches the owner, not the removed member
        client.patch().uri("/rooms/{r}", room).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "after the removal")).exchange().expectStatus().isOk().expectBody().returnResult();
        ownerSocket.nextOf("roomUpdated");
        assertThat(adaSocket.drain(300)).as("nothing more of the room").isEmpty();
        adaSocket.send("{\"type\":\"joinRoom\",\"id\":\"again\",\"roomId\":\"" + room + "\"}");
        assertThat(adaSocket.nextOf("reply")).contains("NOT_A_MEMBER");
    }

    @Test
    void aBanIsToldAsBannedAndALeaveAsLeftToTheUsersOtherSockets() throws Exception {
        Account owner = newAccount();
        Account ada = newAccount();
        Account grace = newAccount();
        String room = createRoomId(owner);
        join(ada, room);
        join(grace, room);
        WsClient adaSocket = WsClient.open(http, port, ada.token());
        WsClient graceSocket = WsClient.open(http, port, grace.token());

        client.post().uri("/rooms/{r}/bans", room).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", ada.id())).exchange().expectStatus().isCreated().expectBody().returnResult();
        client.post().uri("/rooms/{r}/leave", room).headers(bearer(grace)).exchange().expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(parse(adaSocket.nextOf("removed")).get("reason").asString()).isEqualTo("BANNED");
        assertThat(parse(graceSocket.nextOf("removed")).get("reason").asString()).isEqualTo("LEFT");
    }

    @Test
    void aChangedRoomIsPushedWithItsStateButNotTheViewersOwnFigures() throws Exception {
        Account owner = newAccount();
        Account ada = newAccount();
        String room = createRoomId(owner);
        join(ada, room);
        WsClient adaSocket = watching(ada, room);

        client.patch().uri("/rooms/{r}", room).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Renamed", "description", "now with a topic")).exchange().expectStatus().isOk()
                .expectBody().returnResult();

        JsonNode updated = parse(adaSocket.nextOf("roomUpdated")).get("room");
        assertThat(updated.get("id").asString()).isEqualTo(room);
        assertThat(updated.get("name").asString()).isEqualTo("Renamed");
        assertThat(updated.get("description").asString()).isEqualTo("now with a topic");
        assertThat(updated.get("memberCount").asLong()).isEqualTo(2);
        assertThat(updated.has("myRole")).isFalse();
        assertThat(updated.has("unreadCount")).isFalse();
    }

    @Test
    void theInviteeAndThePeerOfANewDirectRoomAreToldWithTheRoomAsTheySeeIt() throws Exception {
        Account owner = newAccount("Owner");
        Account guest = newAccount("Guest");
        String room = (String) client.post().uri("/rooms").headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Secret", "visibility", "PRIVATE")).exchange().expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        WsClient guestSocket = WsClient.open(http, port, guest.token());

        client.post().uri("/rooms/{r}/invitations", room).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", guest.id())).exchange().expectStatus().isCreated().expectBody().returnResult();
        JsonNode invited = parse(guestSocket.nextOf("invited"));
        client.post().uri("/direct-rooms").headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", guest.id())).exchange().expectStatus().isCreated().expectBody().returnResult();
        JsonNode opened = parse(guestSocket.nextOf("roomUpdated")).get("room");

        assertThat(invited.get("invitedBy").asString()).isEqualTo(owner.id());
        assertThat(invited.get("room").get("id").asString()).isEqualTo(room);
        assertThat(invited.get("room").get("name").asString()).isEqualTo("Secret");
        assertThat(invited.get("room").get("myRole").isNull()).as("not a member yet").isTrue();
        assertThat(opened.get("kind").asString()).isEqualTo("DIRECT");
        assertThat(opened.get("name").asString()).as("named after the one who opened it").isEqualTo("Owner");
        assertThat(opened.get("peer").get("id").asString()).isEqualTo(owner.id());
    }

    @Test
    void aMarkReadFrameMovesTheMarkerAndTheRoomsSocketsAndTheReadersOtherDevicesAreTold() throws Exception {
        Account owner = newAccount();
        Account ada = newAccount();
        String room = createRoomId(owner);
        join(ada, room);
        String first = storeText(room, owner, "first");
        String second = storeText(room, owner, "second");
        WsClient ownerSocket = watching(owner, room);
        WsClient adaPhone = watching(ada, room);
        WsClient adaLaptop = watching(ada, room);

        adaLaptop.send("{\"type\":\"markRead\",\"id\":\"m1\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"" + second + "\"}");
        assertThat(adaLaptop.nextOf("reply")).contains("\"id\":\"m1\"").contains("\"ok\":true");

        for (WsClient socket : new WsClient[] {ownerSocket, adaPhone, adaLaptop}) {
            JsonNode read = parse(socket.nextOf("read"));
            assertThat(read.get("roomId").asString()).isEqualTo(room);
            assertThat(read.get("userId").asString()).isEqualTo(ada.id());
            assertThat(read.get("lastReadMessageId").asString()).isEqualTo(second);
            assertThat(read.get("lastReadSeq").asLong()).isEqualTo(2);
        }
        // behind the marker: answered, changes nothing, tells nobody
        adaLaptop.send("{\"type\":\"markRead\",\"id\":\"m2\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"" + first + "\"}");
        assertThat(adaLaptop.nextOf("reply")).contains("\"ok\":true");
        assertThat(ownerSocket.drain(300)).noneMatch(frame -> frame.startsWith("{\"type\":\"read\""));
    }

    @Test
    void badMarkReadFramesAreRefusedWithTheContractsCodes() throws Exception {
        Account owner = newAccount();
        Account outsider = newAccount();
        String room = createRoomId(owner);
        String elsewhere = createRoomId(owner);
        String foreign = storeText(elsewhere, owner, "not in this room");
        WsClient socket = WsClient.open(http, port, owner.token());
        WsClient outsiders = WsClient.open(http, port, outsider.token());

        socket.send("{\"type\":\"markRead\",\"id\":\"b1\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"nope\"}");
        assertThat(socket.nextOf("reply")).contains("VALIDATION_FAILED").contains("lastReadMessageId");
        socket.send("{\"type\":\"markRead\",\"id\":\"b2\",\"roomId\":\"" + room + "\"}");
        assertThat(socket.nextOf("reply")).contains("VALIDATION_FAILED").contains("lastReadMessageId");
        socket.send("{\"type\":\"markRead\",\"id\":\"b3\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"" + foreign + "\"}");
        assertThat(socket.nextOf("reply")).contains("MESSAGE_NOT_FOUND");
        outsiders.send("{\"type\":\"markRead\",\"id\":\"b4\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"" + foreign + "\"}");
        assertThat(outsiders.nextOf("reply")).contains("NOT_A_MEMBER");
    }

    private String storeText(String roomId, Account sender, String text) {
        return messages.storeBatch(List.of(new MessageAccepted(ids.newMessageId(), RoomId.of(roomId), UserId.of(sender.id()),
                new ClientMsgId(UUID.randomUUID()), MessageContent.text(text), clock.instant())))
                .block().stored().getFirst().id().value();
    }
}
