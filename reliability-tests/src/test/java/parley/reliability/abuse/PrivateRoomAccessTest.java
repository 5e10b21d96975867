package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.reliability.abuse.Http.assertProblem;

import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * PROTOCOL-1.1 §7: a private room does not exist for anyone who is not in it — never joined,
 * removed, or banned. Every REST path and socket frame naming it answers as for an unknown room, with
 * the same words; a member gets through, so each refusal is one of the caller. Also the forged and
 * oversized moderation and invitation requests, and that an invitation is the way in.
 */
class PrivateRoomAccessTest {

    private static final String UNKNOWN_ROOM = "01J0000000ZZZZZZZZZZZZZZZZ";

    private static User owner;
    private static User member;
    private static User outsider;
    private static User removed;
    private static User banned;
    private static String roomId;
    private static String messageId;

    enum Caller {
        OUTSIDER, REMOVED, BANNED;

        User user() {
            return switch (this) {
                case OUTSIDER -> outsider;
                case REMOVED -> removed;
                case BANNED -> banned;
            };
        }
    }

    @BeforeAll
    static void start() {
        owner = User.register("Owner");
        member = User.register("Member");
        outsider = User.register("Outsider");
        removed = User.register("Removed");
        banned = User.register("Banned");
        // the members join while the room is public, then it is made private (invitations are tested below)
        roomId = owner.createRoom("private " + UUID.randomUUID());
        for (User user : new User[] {member, removed, banned}) {
            user.join(roomId);
        }
        assertThat(owner.call("PATCH", "/rooms/" + roomId, "{\"visibility\":\"PRIVATE\"}").status()).isEqualTo(200);
        assertThat(owner.call("DELETE", "/rooms/" + roomId + "/members/" + removed.id(), null).status()).isEqualTo(204);
        assertThat(owner.post("/rooms/" + roomId + "/bans", "{\"userId\":\"" + banned.id() + "\"}").status()).isEqualTo(201);
        messageId = owner.sendStored(roomId, "secret words");
    }

    /** Every REST path that names a room. */
    enum RestCall {
        ROOM, PATCH, JOIN, LEAVE, MEMBERS, HISTORY, HISTORY_AFTER, MARK_READ, ROLE, REMOVE, BAN, BANS, UNBAN, INVITE, WITHDRAW, DECLINE;

        Http.Reply by(User user, String room) {
            String base = "/rooms/" + room;
            return switch (this) {
                case ROOM -> user.get(base);
                case PATCH -> user.call("PATCH", base, "{\"name\":\"taken over\"}");
                case JOIN -> user.post(base + "/join", null);
                case LEAVE -> user.post(base + "/leave", null);
                case MEMBERS -> user.get(base + "/members");
                case HISTORY -> user.get(base + "/messages");
                case HISTORY_AFTER -> user.get(base + "/messages?after=" + messageId);
                case MARK_READ -> user.post(base + "/read", "{\"lastReadMessageId\":\"" + messageId + "\"}");
                case ROLE -> user.call("PUT", base + "/members/" + user.id(), "{\"role\":\"OWNER\"}");
                case REMOVE -> user.call("DELETE", base + "/members/" + owner.id(), null);
                case BAN -> user.post(base + "/bans", "{\"userId\":\"" + owner.id() + "\"}");
                case BANS -> user.get(base + "/bans");
                case UNBAN -> user.call("DELETE", base + "/bans/" + user.id(), null);
                case INVITE -> user.post(base + "/invitations", "{\"userId\":\"" + user.id() + "\"}");
                case WITHDRAW -> user.call("DELETE", base + "/invitations/" + member.id(), null);
                case DECLINE -> user.call("DELETE", base + "/invitations/" + user.id(), null);
            };
        }
    }

    static Stream<Arguments> restCalls() {
        return Stream.of(Caller.values()).flatMap(caller -> Stream.of(RestCall.values()).map(call -> Arguments.of(caller, call)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("restCalls")
    void everyRestPathAnswersAsForAnUnknownRoom(Caller caller, RestCall call) {
        Http.Reply reply = call.by(caller.user(), roomId);
        Http.Reply unknown = call.by(caller.user(), UNKNOWN_ROOM);

        assertProblem(reply, 404, "ROOM_NOT_FOUND");
        assertProblem(unknown, 404, "ROOM_NOT_FOUND");
        assertThat(reply.json().get("detail").asString().replace(roomId, "<id>"))
                .isEqualTo(unknown.json().get("detail").asString().replace(UNKNOWN_ROOM, "<id>"));
        assertThat(reply.raw()).doesNotContain("secret words").doesNotContain(messageId);
    }

    @Test
    void aMemberGetsThrough() {
        assertThat(member.get("/rooms/" + roomId).status()).isEqualTo(200);
        assertThat(member.get("/rooms/" + roomId + "/messages").raw()).contains("secret words");
    }

    static Stream<Arguments> frames() {
        return Stream.of(Caller.values()).flatMap(caller -> Stream.of("joinRoom", "sendMessage", "typing", "markRead").map(frame -> Arguments.of(caller, frame)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("frames")
    void everySocketFrameAnswersAsForAnUnknownRoom(Caller caller, String frame) {
        try (RawSocket socket = caller.user().connect()) {
            String fields = "\"roomId\":\"" + roomId + "\"" + switch (frame) {
                case "sendMessage" -> ",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"content\":\"let me in\"";
                case "markRead" -> ",\"lastReadMessageId\":\"" + messageId + "\"";
                default -> "";
            };
            JsonNode answer = socket.answerTo(socket.send(frame, fields));

            JsonNode error = answer.get("error");
            assertThat(error).as("%s", answer).isNotNull();
            assertThat(error.get("code").asString()).as("%s", answer).isEqualTo("ROOM_NOT_FOUND");
            assertThat(socket.newMessageCount()).isZero();
            assertThat(socket.heartbeatAnswered()).as("the socket stays usable").isTrue();
        }
    }

    @Test
    void anInvitationIsTheOnlyWayInAndOnlyTheOwnerOrAnAdminGivesOne() {
        User guest = User.register("Guest");
        String base = "/rooms/" + roomId;
        assertProblem(member.post(base + "/invitations", "{\"userId\":\"" + guest.id() + "\"}"), 403, "NOT_ALLOWED");
        assertProblem(guest.post(base + "/join", null), 404, "ROOM_NOT_FOUND");

        assertThat(owner.post(base + "/invitations", "{\"userId\":\"" + guest.id() + "\"}").status()).isEqualTo(201);
        assertThat(guest.get("/invitations").raw()).contains(roomId);
        assertThat(guest.post(base + "/join", null).status()).isEqualTo(200);

        assertThat(guest.get(base + "/messages").raw()).contains("secret words");
        assertThat(guest.get("/invitations").raw()).isEqualTo("[]");
    }

    @Test
    void forgedAndOversizedInvitationsAreRefused() {
        String base = "/rooms/" + roomId;
        assertProblem(owner.post(base + "/invitations", "{\"userId\":\"" + banned.id() + "\"}"), 403, "BANNED");
        assertProblem(owner.post(base + "/invitations", "{\"userId\":\"" + member.id() + "\"}"), 409, "ALREADY_MEMBER");
        assertProblem(owner.post(base + "/invitations", "{\"userId\":\"" + UNKNOWN_ROOM + "\"}"), 404, "USER_NOT_FOUND");
        assertProblem(owner.post(base + "/invitations", "{\"userId\":\"" + "0".repeat(10_000) + "\"}"), 400, "VALIDATION_FAILED");
        assertProblem(owner.post(base + "/invitations", "{\"userId\":\"" + outsider.id() + "\",\"role\":\"OWNER\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(owner.get("/users?email=" + "a".repeat(300) + "@example.com"), 400, "VALIDATION_FAILED");
        assertThat(outsider.get("/invitations").raw()).isEqualTo("[]");
    }

    /** One invitation per request: a list is a bad field, and a huge one is too large to be read at all. */
    @Test
    void aListOfInviteesInOneRequestIsRefused() {
        String base = "/rooms/" + roomId + "/invitations";
        assertProblem(owner.post(base, "{\"userId\":[" + ulids(100) + "]}"), 400, "VALIDATION_FAILED");
        assertProblem(owner.post(base, "{\"userIds\":[" + ulids(100) + "]}"), 400, "VALIDATION_FAILED");
        assertProblem(owner.post(base, "{\"userIds\":[" + ulids(10_000) + "]}"), 413, "PAYLOAD_TOO_LARGE");
        assertThat(outsider.get("/invitations").raw()).isEqualTo("[]");
    }

    private static String ulids(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "\"" + Ids.ulid() + "\"")
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** However many rooms invite one user, their list is at most 100 long (parley.rooms.invitations-listed). */
    @Test
    void aUsersListOfInvitationsIsCappedWhateverInvitesThem() {
        User popular = User.register("Popular");
        int invitations = 0;
        for (int inviter = 0; invitations <= 100; inviter++) {
            User host = User.register("Host" + inviter);
            for (int room = 0; room < 20 && invitations <= 100; room++, invitations++) {
                String id = host.createRoom("invites " + UUID.randomUUID());
                assertThat(host.post("/rooms/" + id + "/invitations", "{\"userId\":\"" + popular.id() + "\"}").status()).isEqualTo(201);
            }
        }

        Http.Reply listed = popular.get("/invitations");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().size()).as("%d invitations pending", invitations).isEqualTo(100);
    }

    @Test
    void forgedAndOversizedModerationRequestsAreRefused() {
        String base = "/rooms/" + roomId;
        assertProblem(member.call("PUT", base + "/members/" + member.id(), "{\"role\":\"OWNER\"}"), 403, "NOT_ALLOWED");
        assertProblem(member.call("PATCH", base, "{\"visibility\":\"PUBLIC\"}"), 403, "NOT_ALLOWED");
        assertProblem(member.call("DELETE", base + "/members/" + owner.id(), null), 403, "NOT_ALLOWED");
        assertProblem(member.post(base + "/bans", "{\"userId\":\"" + owner.id() + "\"}"), 403, "NOT_ALLOWED");
        assertProblem(owner.post(base + "/bans", "{\"userId\":\"" + member.id() + "\",\"reason\":\"" + "r".repeat(501) + "\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(owner.call("PUT", base + "/members/" + member.id(), "{\"role\":\"SUPERUSER\"}"), 400, "VALIDATION_FAILED");
        assertProblem(owner.get(base + "/bans?limit=100000"), 400, "VALIDATION_FAILED");
        assertThat(member.get(base + "/members").raw()).contains("\"role\":\"MEMBER\"");
    }
}
