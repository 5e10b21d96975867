package parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.system.Conversation.join;
import static parley.system.Conversation.joinOk;
import static parley.system.Conversation.say;
import static parley.system.Conversation.sendText;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/** The message path end to end on one gateway and one worker: send, ack, persist, deliver. */
class MessagePathTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private final ParleyStack stack = ParleyStack.shared();
    private final Rest rest = new Rest(stack.gateway().http());

    @Test
    void twoMembersReceiveEveryMessageWithSeqOneTwoThreeAndHistoryAgrees() {
        Actor alice = Actor.register(rest, "Alice");
        Actor bob = Actor.register(rest, "Bob");
        String room = alice.createRoom("path");
        bob.join(room);

        try (ChatSocket a = ChatSocket.connect(stack.gateway().ws(), alice.token());
             ChatSocket b = ChatSocket.connect(stack.gateway().ws(), bob.token())) {
            joinOk(a, room);
            joinOk(b, room);
            List<String> messageIds = List.of("first", "second", "third").stream().map(text -> {
                JsonNode ack = say(a, room, text);
                assertThat(ack.get("type").asString()).isEqualTo("ack");
                assertThat(ack.get("status").asString()).isEqualTo("ACCEPTED");
                return ack.get("messageId").asString();
            }).toList();

            for (ChatSocket socket : List.of(a, b)) {
                socket.await(frame -> socket.messagesIn(room).size() == 3, DELIVERY);
                List<JsonNode> received = socket.messagesIn(room);
                assertThat(received).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L);
                assertThat(received).extracting(m -> m.get("id").asString()).containsExactlyElementsOf(messageIds);
                assertThat(received).extracting(m -> m.get("content").asString()).containsExactly("first", "second", "third");
            }
        }
        List<JsonNode> history = RestWalkthroughTest.awaitHistory(bob, room, 3);
        assertThat(history).extracting(m -> m.get("id").asString()).hasSize(3);
        assertThat(history).extracting(m -> m.get("senderId").asString()).containsOnly(alice.id());
    }

    @Test
    void theSameClientMsgIdSentTwiceGivesOneMessageAndTheSameMessageIdInBothAcks() {
        Actor alice = Actor.register(rest, "Alice");
        String room = alice.createRoom("dedupe");
        String clientMsgId = UUID.randomUUID().toString();

        try (ChatSocket a = ChatSocket.connect(stack.gateway().ws(), alice.token())) {
            joinOk(a, room);
            JsonNode first = a.answerTo(sendText(a, room, clientMsgId, "only once"));
            JsonNode second = a.answerTo(sendText(a, room, clientMsgId, "only once"));

            assertThat(first.get("status").asString()).isEqualTo("ACCEPTED");
            assertThat(second.get("status").asString()).isEqualTo("ACCEPTED");
            assertThat(second.get("messageId").asString()).isEqualTo(first.get("messageId").asString());
            assertThat(second.get("clientMsgId").asString()).isEqualTo(clientMsgId);
            a.await(frame -> !a.messagesIn(room).isEmpty(), DELIVERY);
        }
        List<JsonNode> history = RestWalkthroughTest.awaitHistory(alice, room, 1);
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().get("clientMsgId").asString()).isEqualTo(clientMsgId);
    }

    @Test
    void aClientThatReconnectsWithLastSeenSeqGetsExactlyWhatItMissedInOrderThenLiveOnes() {
        Actor alice = Actor.register(rest, "Alice");
        Actor bob = Actor.register(rest, "Bob");
        String room = alice.createRoom("catch-up");
        bob.join(room);

        try (ChatSocket a = ChatSocket.connect(stack.gateway().ws(), alice.token())) {
            joinOk(a, room);
            try (ChatSocket b = ChatSocket.connect(stack.gateway().ws(), bob.token())) {
                joinOk(b, room);
                say(a, room, "m1");
                say(a, room, "m2");
                b.await(frame -> b.messagesIn(room).size() == 2, DELIVERY);
            }
            for (int i = 3; i <= 7; i++) {
                say(a, room, "m" + i);
            }
            a.await(frame -> a.messagesIn(room).size() == 7, DELIVERY);

            try (ChatSocket back = ChatSocket.connect(stack.gateway().ws(), bob.token())) {
                assertThat(join(back, room, 2L).get("ok").asBoolean()).isTrue();
                say(a, room, "m8");
                back.await(frame -> back.messagesIn(room).size() >= 6, DELIVERY);
                List<JsonNode> received = back.messagesIn(room);
                assertThat(received).extracting(m -> m.get("seq").asLong()).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
                assertThat(received).extracting(m -> m.get("content").asString()).containsExactly("m3", "m4", "m5", "m6", "m7", "m8");
            }
        }
    }

    @Test
    void aNonMemberCanNeitherWatchNorSendNorTypeInARoom() {
        Actor alice = Actor.register(rest, "Alice");
        Actor mallory = Actor.register(rest, "Mallory");
        String room = alice.createRoom("private");

        try (ChatSocket m = ChatSocket.connect(stack.gateway().ws(), mallory.token())) {
            JsonNode joined = join(m, room, null);
            assertThat(joined.get("ok").asBoolean()).isFalse();
            assertThat(joined.get("error").get("code").asString()).isEqualTo("NOT_A_MEMBER");

            JsonNode ack = say(m, room, "let me in");
            assertThat(ack.get("status").asString()).isEqualTo("FAILED");
            assertThat(ack.get("error").get("code").asString()).isEqualTo("NOT_A_MEMBER");

            JsonNode unknown = join(m, "01J00000000000000000000000", null);
            assertThat(unknown.get("error").get("code").asString()).isEqualTo("ROOM_NOT_FOUND");
        }
        assertThat(RestWalkthroughTest.awaitHistory(alice, room, 0)).isEmpty();
    }

    @Test
    void malformedFramesAreAnsweredWithErrorFramesAndTheSocketStaysUsable() {
        Actor alice = Actor.register(rest, "Alice");
        String room = alice.createRoom("robust");

        try (ChatSocket a = ChatSocket.connect(stack.gateway().ws(), alice.token())) {
            a.sendRaw("this is not json");
            assertThat(a.await(f -> "MALFORMED_FRAME".equals(code(f)), DELIVERY).get("type").asString()).isEqualTo("error");
            a.sendRaw("{\"type\":\"dance\",\"id\":\"x1\"}");
            assertThat(code(a.answerTo("x1"))).isEqualTo("UNKNOWN_TYPE");
            a.sendRaw("{\"type\":\"sendMessage\",\"id\":\"x2\",\"roomId\":\"" + room + "\"}");
            assertThat(a.answerTo("x2").get("status").asString()).isEqualTo("FAILED");
            assertThat(code(a.answerTo("x2"))).isEqualTo("VALIDATION_FAILED");
            a.sendRaw("{\"type\":\"sendMessage\",\"id\":\"x3\",\"roomId\":\"" + room + "\",\"clientMsgId\":\""
                    + UUID.randomUUID() + "\",\"content\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(a.await(f -> "FRAME_TOO_LARGE".equals(code(f)), DELIVERY)).isNotNull();
            a.sendRaw("{\"id\":\"x4\"}");
            assertThat(code(a.answerTo("x4"))).isEqualTo("VALIDATION_FAILED");

            joinOk(a, room);
            assertThat(say(a, room, "still here").get("status").asString()).isEqualTo("ACCEPTED");
            assertThat(a.answerTo(a.send("heartbeat", null)).get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void anUpgradeWithoutAValidTokenIsRefusedWith401BeforeTheHandshake() {
        for (String token : List.of("", "not-a-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            var status = HttpClient.create().get().uri(stack.gateway().ws() + "?token=" + token)
                    .response().map(response -> response.status().code()).block(Duration.ofSeconds(10));
            assertThat(status).as("token '%s'", token).isEqualTo(401);
        }
    }

    private static String code(JsonNode frame) {
        return frame.hasNonNull("error") ? frame.get("error").get("code").asString() : null;
    }
}
