package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.reliability.abuse.Http.assertProblem;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A user who is not a member of a room (an outsider, or a former member who left) can neither
 * read nor write it, through any endpoint or frame, and their sockets never see its messages or
 * typing. A member doing the same things succeeds, so every refusal is a refusal of the caller.
 */
class NonMemberAccessTest {

    private static User owner;
    private static User member;
    private static User outsider;
    private static User formerMember;
    private static String roomId;
    private static String messageId;
    private static RawSocket ownerSocket;

    /** Who tries. */
    enum Caller {
        OUTSIDER,
        FORMER_MEMBER,
        MEMBER;

        User user() {
            return switch (this) {
                case OUTSIDER -> outsider;
                case FORMER_MEMBER -> formerMember;
                case MEMBER -> member;
            };
        }
    }

    @BeforeAll
    static void start() {
        owner = User.register("Owner");
        member = User.register("Member");
        outsider = User.register("Outsider");
        formerMember = User.register("Former");
        roomId = owner.createRoom("members only");
        member.join(roomId);
        formerMember.join(roomId);
        formerMember.leave(roomId);
        ownerSocket = owner.connect();
        assertThat(join(ownerSocket, roomId).get("ok").asBoolean()).isTrue();
        JsonNode ack = say(ownerSocket, "the first message");
        assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo("ACCEPTED");
        messageId = ack.get("messageId").asString();
        owner.awaitStored(roomId, messageId);
    }

    @AfterAll
    static void stop() {
        ownerSocket.close();
    }

    /** The REST calls a member may make. */
    enum RestCall {
        ROOM_DETAILS,
        MEMBERS,
        HISTORY,
        HISTORY_AFTER,
        MARK_READ;

        Http.Reply by(User user) {
            return switch (this) {
                case ROOM_DETAILS -> user.get("/rooms/" + roomId);
                case MEMBERS -> user.get("/rooms/" + roomId + "/members");
                case HISTORY -> user.get("/rooms/" + roomId + "/messages");
                // a cursor must be a message of the room (PROTOCOL-1.1 §7); after the only one, the page is empty
                case HISTORY_AFTER -> user.get("/rooms/" + roomId + "/messages?after=" + messageId + "&limit=100");
                case MARK_READ -> user.post("/rooms/" + roomId + "/read", "{\"lastReadMessageId\":\"" + messageId + "\"}");
            };
        }
    }

    static Stream<Arguments> restCalls() {
        return Stream.of(Caller.values()).flatMap(caller -> Stream.of(RestCall.values()).map(call -> Arguments.of(caller, call)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("restCalls")
    void onlyMembersReadTheRoomOverRest(Caller caller, RestCall call) {
        Http.Reply reply = call.by(caller.user());
        if (caller == Caller.MEMBER) {
            assertThat(reply.status()).as("%s", reply).isIn(200, 204);
            if (reply.status() == 200 && call != RestCall.ROOM_DETAILS && call != RestCall.MEMBERS && call != RestCall.HISTORY_AFTER) {
                assertThat(reply.raw()).contains(messageId);
            }
        } else {
            assertProblem(reply, 403, "NOT_A_MEMBER");
            assertThat(reply.raw()).doesNotContain(messageId).doesNotContain("the first message");
        }
    }

    /** The frames a member may send for a room. */
    enum FrameCall {
        JOIN_ROOM,
        SEND_MESSAGE,
        TYPING
    }

    static Stream<Arguments> frameCalls() {
        return Stream.of(Caller.values()).flatMap(caller -> Stream.of(FrameCall.values()).map(call -> Arguments.of(caller, call)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("frameCalls")
    void onlyMembersUseTheRoomOverTheSocket(Caller caller, FrameCall call) {
        try (RawSocket socket = caller.user().connect()) {
            boolean allowed = caller == Caller.MEMBER;
            switch (call) {
                case JOIN_ROOM -> {
                    JsonNode reply = join(socket, roomId);
                    assertThat(reply.get("type").asString()).isEqualTo("reply");
                    assertThat(reply.get("ok").asBoolean()).as("%s", reply).isEqualTo(allowed);
                    if (!allowed) {
                        assertThat(reply.get("error").get("code").asString()).isEqualTo("NOT_A_MEMBER");
                    }
                }
                case SEND_MESSAGE -> {
                    String text = "from " + caller + " " + UUID.randomUUID();
                    JsonNode ack = say(socket, text);
                    assertThat(ack.get("type").asString()).isEqualTo("ack");
                    assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo(allowed ? "ACCEPTED" : "FAILED");
                    if (!allowed) {
                        assertThat(ack.get("error").get("code").asString()).isEqualTo("NOT_A_MEMBER");
                        assertThat(ack.has("messageId")).isFalse();
                    } else {
                        member.awaitStored(roomId, ack.get("messageId").asString());
                    }
                }
                case TYPING -> {
                    long before = typingFrom(ownerSocket, member);
                    String id = socket.send("typing", "\"roomId\":\"" + roomId + "\"");
                    if (allowed) {
                        // no reply to typing; the owner sees it
                        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                        while (typingFrom(ownerSocket, member) == before && System.nanoTime() < deadline) {
                            User.sleep(10);
                        }
                        assertThat(typingFrom(ownerSocket, member)).as("typing frames the owner got").isEqualTo(before + 1);
                    } else {
                        JsonNode error = socket.answerTo(id);
                        assertThat(error.get("type").asString()).isEqualTo("error");
                        assertThat(error.get("error").get("code").asString()).isEqualTo("NOT_A_MEMBER");
                    }
                }
            }
            assertThat(socket.heartbeatAnswered()).as("the socket stays usable").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}'s socket sees nothing of the room while members chat")
    @EnumSource(value = Caller.class, names = {"OUTSIDER", "FORMER_MEMBER"})
    void aNonMembersSocketNeverReceivesTheRoomsMessagesOrTyping(Caller caller) {
        try (RawSocket eavesdropper = caller.user().connect(); RawSocket memberSocket = member.connect()) {
            assertThat(join(eavesdropper, roomId).get("ok").asBoolean()).isFalse();
            assertThat(join(memberSocket, roomId).get("ok").asBoolean()).isTrue();

            chatAndWaitUntilTheMemberSawIt(memberSocket, "while " + caller + " listens");

            assertNothingOfTheRoom(eavesdropper);
        }
    }

    @Test
    void aSocketStopsReceivingTheRoomOnceItsUserLeavesIt() {
        User leaver = User.register("Leaver");
        leaver.join(roomId);
        try (RawSocket leaverSocket = leaver.connect(); RawSocket memberSocket = member.connect()) {
            assertThat(join(leaverSocket, roomId).get("ok").asBoolean()).isTrue();
            assertThat(join(memberSocket, roomId).get("ok").asBoolean()).isTrue();
            chatAndWaitUntilTheMemberSawIt(memberSocket, "before the leave");
            assertThat(leaverSocket.newMessageCount()).as("a member's socket gets the room's messages").isPositive();

            leaver.leave(roomId);
            int seenBefore = leaverSocket.newMessageCount();
            long typingBefore = leaverSocket.frames("typing").size();
            chatAndWaitUntilTheMemberSawIt(memberSocket, "after the leave");

            assertThat(leaverSocket.newMessageCount())
                    .as("newMessage frames received after leaving the room over REST")
                    .isEqualTo(seenBefore);
            assertThat(leaverSocket.frames("typing")).hasSize((int) typingBefore);
        }
    }

    /** The owner types and says something; returns when the member's socket has both. */
    private static void chatAndWaitUntilTheMemberSawIt(RawSocket memberSocket, String text) {
        ownerSocket.send("typing", "\"roomId\":\"" + roomId + "\"");
        String unique = text + " " + UUID.randomUUID();
        JsonNode ack = say(ownerSocket, unique);
        assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo("ACCEPTED");
        memberSocket.await(frame -> "newMessage".equals(frame.get("type").asString())
                && unique.equals(frame.get("message").get("content").asString()), Duration.ofSeconds(15));
        memberSocket.await(frame -> "typing".equals(frame.get("type").asString()), Duration.ofSeconds(5));
        // one more round trip on the owner's socket: anything for others has been fanned out by now
        assertThat(ownerSocket.heartbeatAnswered()).isTrue();
        User.sleep(200);
    }

    private static void assertNothingOfTheRoom(RawSocket socket) {
        assertThat(socket.newMessageCount()).as("newMessage frames").isZero();
        assertThat(socket.frames("typing")).as("typing frames").isEmpty();
        assertThat(socket.frames("presence")).as("presence frames of the room's members").isEmpty();
    }

    private static long typingFrom(RawSocket socket, User user) {
        return socket.frames("typing").stream().filter(frame -> user.id().equals(frame.get("userId").asString())).count();
    }

    static JsonNode join(RawSocket socket, String room) {
        return socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + room + "\""));
    }

    static JsonNode say(RawSocket socket, String text) {
        return socket.answerTo(socket.send("sendMessage", "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                + UUID.randomUUID() + "\",\"content\":" + Http.quote(text)));
    }
}
