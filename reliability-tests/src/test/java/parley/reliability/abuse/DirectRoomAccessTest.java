package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.reliability.abuse.Http.assertProblem;

import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * PROTOCOL-1.1 §2, §7 against the real processes: a direct room exists only for its two users (a third
 * gets 404 on every path and frame, as for an unknown room), has no join, leave, invitation, change or
 * moderation (409 DIRECT_ROOM), and forged or oversized openings are refused without creating a room.
 */
class DirectRoomAccessTest {

    private static final String UNKNOWN_ID = "01J0000000ZZZZZZZZZZZZZZZZ";

    private static User ada;
    private static User grace;
    private static User eve;
    private static String roomId;
    private static String messageId;

    @BeforeAll
    static void start() {
        ada = User.register("Ada");
        grace = User.register("Grace");
        eve = User.register("Eve");
        Http.Reply opened = ada.post("/direct-rooms", "{\"userId\":\"" + grace.id() + "\"}");
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        roomId = opened.json().get("id").asString();
        messageId = ada.sendStored(roomId, "between us");
    }

    /** The REST paths a third user might try on somebody else's direct room. */
    enum OutsiderCall {
        ROOM, JOIN, MEMBERS, HISTORY, MARK_READ, INVITE_SELF, BANS;

        Http.Reply by(User user, String room) {
            String base = "/rooms/" + room;
            return switch (this) {
                case ROOM -> user.get(base);
                case JOIN -> user.post(base + "/join", null);
                case MEMBERS -> user.get(base + "/members");
                case HISTORY -> user.get(base + "/messages");
                case MARK_READ -> user.post(base + "/read", "{\"lastReadMessageId\":\"" + messageId + "\"}");
                case INVITE_SELF -> user.post(base + "/invitations", "{\"userId\":\"" + user.id() + "\"}");
                case BANS -> user.get(base + "/bans");
            };
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsiderCalls")
    void aThirdUserFindsNoRoom(OutsiderCall call) {
        Http.Reply reply = call.by(eve, roomId);
        Http.Reply unknown = call.by(eve, UNKNOWN_ID);

        assertProblem(reply, 404, "ROOM_NOT_FOUND");
        assertProblem(unknown, 404, "ROOM_NOT_FOUND");
        assertThat(reply.json().get("detail").asString().replace(roomId, "<id>"))
                .isEqualTo(unknown.json().get("detail").asString().replace(UNKNOWN_ID, "<id>"));
        assertThat(reply.raw()).doesNotContain("between us").doesNotContain(messageId);
    }

    static Stream<OutsiderCall> outsiderCalls() {
        return Stream.of(OutsiderCall.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void aThirdUsersFramesFindNoRoom(String frame) {
        try (RawSocket socket = eve.connect()) {
            String fields = "\"roomId\":\"" + roomId + "\"" + switch (frame) {
                case "sendMessage" -> ",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"content\":\"let me in\"";
                case "markRead" -> ",\"lastReadMessageId\":\"" + messageId + "\"";
                default -> "";
            };
            JsonNode answer = socket.answerTo(socket.send(frame, fields));

            assertThat(answer.path("error").path("code").asString()).as("%s", answer).isEqualTo("ROOM_NOT_FOUND");
            assertThat(socket.newMessageCount()).isZero();
        }
    }

    static Stream<String> frames() {
        return Stream.of("joinRoom", "sendMessage", "typing", "markRead");
    }

    @Test
    void itsUsersCannotLeaveInviteChangeOrModerateIt() {
        String base = "/rooms/" + roomId;
        assertProblem(ada.post(base + "/leave", null), 409, "DIRECT_ROOM");
        assertProblem(ada.post(base + "/invitations", "{\"userId\":\"" + eve.id() + "\"}"), 409, "DIRECT_ROOM");
        assertProblem(ada.call("PATCH", base, "{\"visibility\":\"PUBLIC\"}"), 409, "DIRECT_ROOM");
        assertProblem(grace.call("PUT", base + "/members/" + grace.id(), "{\"role\":\"OWNER\"}"), 409, "DIRECT_ROOM");
        assertProblem(grace.call("DELETE", base + "/members/" + ada.id(), null), 409, "DIRECT_ROOM");
        assertProblem(grace.post(base + "/bans", "{\"userId\":\"" + ada.id() + "\"}"), 409, "DIRECT_ROOM");
        assertThat(grace.get(base + "/messages").raw()).as("both are still in it").contains("between us");
        assertThat(ada.get(base + "/members").json().findValuesAsString("userId")).containsExactlyInAnyOrder(ada.id(), grace.id());
    }

    @Test
    void forgedAndOversizedOpeningsAreRefusedAndCreateNothing() {
        assertProblem(eve.post("/direct-rooms", "{\"userId\":\"" + eve.id() + "\"}"), 400, "VALIDATION_FAILED");
        assertProblem(eve.post("/direct-rooms", "{\"userId\":\"" + UNKNOWN_ID + "\"}"), 404, "USER_NOT_FOUND");
        assertProblem(eve.post("/direct-rooms", "{\"userId\":\"" + "0".repeat(10_000) + "\"}"), 400, "VALIDATION_FAILED");
        assertProblem(eve.post("/direct-rooms", "{\"userId\":123}"), 400, "VALIDATION_FAILED");
        assertProblem(eve.post("/direct-rooms", "{\"userId\":[\"" + ada.id() + "\",\"" + grace.id() + "\"]}"), 400, "VALIDATION_FAILED");
        // a room between two other users cannot be asked for
        assertProblem(eve.post("/direct-rooms", "{\"userId\":\"" + ada.id() + "\",\"otherUserId\":\"" + grace.id() + "\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(eve.post("/direct-rooms", null), 400, "VALIDATION_FAILED");
        assertThat(eve.get("/rooms").raw()).isEqualTo("[]");
    }

    /** One account cannot open a direct room with (and so notify) everybody: 50 new ones an hour, then 429. */
    @Test
    void aFloodOfNewDirectRoomsIsRateLimitedWhileExistingOnesStillOpen() {
        User spammer = User.register("Spammer");
        User first = null;
        for (int i = 0; i < 50; i++) {
            User target = User.register("Target" + i);
            first = first == null ? target : first;
            assertThat(spammer.post("/direct-rooms", "{\"userId\":\"" + target.id() + "\"}").status()).isEqualTo(201);
        }
        User oneMore = User.register("OneMore");

        Http.Reply refused = spammer.post("/direct-rooms", "{\"userId\":\"" + oneMore.id() + "\"}");
        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(spammer.post("/direct-rooms", "{\"userId\":\"" + first.id() + "\"}").status()).as("an existing one opens").isEqualTo(200);
        assertThat(oneMore.post("/direct-rooms", "{\"userId\":\"" + spammer.id() + "\"}").status())
                .as("the other side's budget is their own").isEqualTo(201);
    }
}
