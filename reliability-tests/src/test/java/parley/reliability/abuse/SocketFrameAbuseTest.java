package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Frames a well-behaved client never sends: each is answered (error frame, failed reply or failed
 * ack with the documented code) and the socket stays usable, except where the contract says
 * otherwise (a frame over Netty's hard 1 MiB limit closes the connection with 1009).
 */
class SocketFrameAbuseTest {

    private static User user;
    private static String roomId;

    @BeforeAll
    static void start() {
        user = User.register("Frames");
        roomId = user.createRoom("frames");
    }

    static Stream<Arguments> badFrames() {
        String room = Ids.ulid();
        String uuid = "3f2b6c1e-9a8d-4e7f-b6a5-0c1d2e3f4a5b";
        return Stream.of(
                Arguments.of("not JSON", "hello there", "error", "MALFORMED_FRAME", false),
                Arguments.of("a JSON array", "[{\"type\":\"heartbeat\"}]", "error", "MALFORMED_FRAME", false),
                Arguments.of("a JSON string", "\"heartbeat\"", "error", "MALFORMED_FRAME", false),
                Arguments.of("an empty text", "", "error", "MALFORMED_FRAME", false),
                Arguments.of("JSON nested 10,000 deep", "{\"type\":\"heartbeat\",\"id\":\"f1\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                        "error", "MALFORMED_FRAME", false),
                Arguments.of("no type", "{\"id\":\"f1\"}", "error", "VALIDATION_FAILED", true),
                Arguments.of("a type that is a number", "{\"type\":7,\"id\":\"f1\"}", "error", "VALIDATION_FAILED", true),
                Arguments.of("an unknown type", "{\"type\":\"deleteRoom\",\"id\":\"f1\"}", "error", "UNKNOWN_TYPE", true),
                Arguments.of("an id of 65 characters", "{\"type\":\"heartbeat\",\"id\":\"" + "i".repeat(65) + "\"}", "error", "VALIDATION_FAILED", false),
                Arguments.of("an id that is an object", "{\"type\":\"heartbeat\",\"id\":{\"a\":1}}", "error", "VALIDATION_FAILED", false),
                Arguments.of("joinRoom without roomId", "{\"type\":\"joinRoom\",\"id\":\"f1\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("joinRoom with a path as roomId", "{\"type\":\"joinRoom\",\"id\":\"f1\",\"roomId\":\"../../etc/passwd\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("joinRoom with SQL as roomId", "{\"type\":\"joinRoom\",\"id\":\"f1\",\"roomId\":\"' OR 1=1 --\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("joinRoom with lastSeenSeq -1", "{\"type\":\"joinRoom\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastSeenSeq\":-1}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("joinRoom with lastSeenSeq as text", "{\"type\":\"joinRoom\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastSeenSeq\":\"5\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("joinRoom with lastSeenSeq 2^70", "{\"type\":\"joinRoom\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastSeenSeq\":1180591620717411303424}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("joinRoom with lastSeenSeq 1.5", "{\"type\":\"joinRoom\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastSeenSeq\":1.5}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("leaveRoom with a malformed roomId", "{\"type\":\"leaveRoom\",\"id\":\"f1\",\"roomId\":\"x\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("typing with a malformed roomId", "{\"type\":\"typing\",\"id\":\"f1\",\"roomId\":42}", "error", "VALIDATION_FAILED", true),
                Arguments.of("markRead without lastReadMessageId", "{\"type\":\"markRead\",\"id\":\"f1\",\"roomId\":\"" + room + "\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("markRead with SQL as lastReadMessageId", "{\"type\":\"markRead\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"' OR 1=1 --\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("markRead with a lastReadMessageId of 10,000 characters", "{\"type\":\"markRead\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"" + "0".repeat(10_000) + "\"}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("markRead with lastReadMessageId as a number", "{\"type\":\"markRead\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":42}", "reply", "VALIDATION_FAILED", true),
                Arguments.of("markRead in a room that does not exist", "{\"type\":\"markRead\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"lastReadMessageId\":\"" + Ids.ulid() + "\"}", "reply", "ROOM_NOT_FOUND", true),
                Arguments.of("sendMessage without clientMsgId", "{\"type\":\"sendMessage\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"content\":\"hi\"}", "ack", "VALIDATION_FAILED", true),
                Arguments.of("sendMessage with a clientMsgId that is no UUID", "{\"type\":\"sendMessage\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"'; DROP TABLE messages; --\",\"content\":\"hi\"}", "ack", "VALIDATION_FAILED", true),
                Arguments.of("sendMessage with content as a number", "{\"type\":\"sendMessage\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + uuid + "\",\"content\":42}", "ack", "VALIDATION_FAILED", true),
                Arguments.of("sendMessage with messageType VIDEO", "{\"type\":\"sendMessage\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + uuid + "\",\"content\":\"hi\",\"messageType\":\"VIDEO\"}", "ack", "VALIDATION_FAILED", true),
                Arguments.of("sendMessage IMAGE over plain http", "{\"type\":\"sendMessage\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + uuid + "\",\"content\":\"http://127.0.0.1/x.png\",\"messageType\":\"IMAGE\"}", "ack", "VALIDATION_FAILED", true),
                Arguments.of("sendMessage IMAGE javascript: URL", "{\"type\":\"sendMessage\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + uuid + "\",\"content\":\"javascript:alert(1)\",\"messageType\":\"IMAGE\"}", "ack", "VALIDATION_FAILED", true),
                Arguments.of("sendMessage IMAGE URL of 2049 characters", "{\"type\":\"sendMessage\",\"id\":\"f1\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + uuid + "\",\"content\":\"https://127.0.0.1/" + "a".repeat(2049 - 18) + "\",\"messageType\":\"IMAGE\"}", "ack", "VALIDATION_FAILED", true));
    }

    @ParameterizedTest(name = "{0} is answered with {2} {3}, and the socket stays usable")
    @MethodSource("badFrames")
    void aBadFrameIsAnsweredAndTheSocketStaysUsable(String description, String text, String answerType, String code, boolean echoesId) {
        try (RawSocket socket = user.connect()) {
            socket.sendText(text);
            JsonNode answer = echoesId
                    ? socket.answerTo("f1")
                    : socket.await(frame -> "error".equals(frame.get("type").asString()), Duration.ofSeconds(10));
            assertThat(answer.get("type").asString()).as("%s", answer).isEqualTo(answerType);
            assertThat(answer.get("error").get("code").asString()).as("%s", answer).isEqualTo(code);
            switch (answerType) {
                case "reply" -> assertThat(answer.get("ok").asBoolean()).isFalse();
                case "ack" -> assertThat(answer.get("status").asString()).isEqualTo("FAILED");
                default -> {
                }
            }
            assertThat(socket.heartbeatAnswered()).isTrue();
            assertThat(socket.hasEnded()).isFalse();
        }
    }

    @ParameterizedTest(name = "a binary frame of {0} bytes is answered UNSUPPORTED_FRAME")
    @ValueSource(ints = {0, 16, 4096})
    void aBinaryFrameIsAnsweredAndTheSocketStaysUsable(int size) {
        try (RawSocket socket = user.connect()) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 0xAB);
            socket.sendFrame(RawSocket.BINARY, true, payload);
            JsonNode error = socket.await(frame -> "error".equals(frame.get("type").asString()), Duration.ofSeconds(10));
            assertThat(error.get("error").get("code").asString()).isEqualTo("UNSUPPORTED_FRAME");
            assertThat(socket.heartbeatAnswered()).isTrue();
        }
    }

    @Test
    void validJsonInABinaryFrameIsStillRefused() {
        try (RawSocket socket = user.connect()) {
            socket.sendFrame(RawSocket.BINARY, true, "{\"type\":\"heartbeat\",\"id\":\"b1\"}".getBytes(StandardCharsets.UTF_8));
            JsonNode error = socket.await(frame -> "error".equals(frame.get("type").asString()), Duration.ofSeconds(10));
            assertThat(error.get("error").get("code").asString()).isEqualTo("UNSUPPORTED_FRAME");
            assertThat(socket.frames()).noneMatch(frame -> frame.has("id") && "b1".equals(frame.get("id").asString()));
            assertThat(socket.heartbeatAnswered()).isTrue();
        }
    }

    @Test
    void aTextFrameOfExactlySixtyFourKibibytesIsServed() {
        try (RawSocket socket = user.connect()) {
            socket.sendText(heartbeatOfSize("edge", 64 * 1024));
            JsonNode reply = socket.answerTo("edge");
            assertThat(reply.get("ok").asBoolean()).as("%s", reply).isTrue();
        }
    }

    @Test
    void aTextFrameOneByteOverSixtyFourKibibytesIsFrameTooLargeAndTheSocketStaysUsable() {
        try (RawSocket socket = user.connect()) {
            socket.sendText(heartbeatOfSize("over", 64 * 1024 + 1));
            JsonNode error = socket.await(frame -> "error".equals(frame.get("type").asString()), Duration.ofSeconds(10));
            assertThat(error.get("error").get("code").asString()).isEqualTo("FRAME_TOO_LARGE");
            assertThat(socket.frames()).noneMatch(frame -> frame.has("id") && "over".equals(frame.get("id").asString()));
            assertThat(socket.heartbeatAnswered()).isTrue();
        }
    }

    @Test
    void anOversizedMessageSplitIntoSmallFragmentsIsStillFrameTooLarge() {
        try (RawSocket socket = user.connect()) {
            byte[] whole = heartbeatOfSize("split", 64 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
            int third = whole.length / 3;
            socket.sendFrame(RawSocket.TEXT, false, Arrays.copyOfRange(whole, 0, third));
            socket.sendFrame(RawSocket.CONTINUATION, false, Arrays.copyOfRange(whole, third, 2 * third));
            socket.sendFrame(RawSocket.CONTINUATION, true, Arrays.copyOfRange(whole, 2 * third, whole.length));
            JsonNode error = socket.await(frame -> "error".equals(frame.get("type").asString()), Duration.ofSeconds(10));
            assertThat(error.get("error").get("code").asString()).isEqualTo("FRAME_TOO_LARGE");
            assertThat(socket.heartbeatAnswered()).isTrue();
        }
    }

    @Test
    void aSmallMessageInFragmentsIsReassembledAndServed() {
        try (RawSocket socket = user.connect()) {
            byte[] whole = "{\"type\":\"heartbeat\",\"id\":\"frag\"}".getBytes(StandardCharsets.UTF_8);
            socket.sendFrame(RawSocket.TEXT, false, Arrays.copyOfRange(whole, 0, 10));
            socket.sendFrame(RawSocket.CONTINUATION, false, Arrays.copyOfRange(whole, 10, 20));
            socket.sendFrame(RawSocket.CONTINUATION, true, Arrays.copyOfRange(whole, 20, whole.length));
            assertThat(socket.answerTo("frag").get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void aTwoMebibyteFrameClosesTheConnectionWith1009AndOthersAreStillServed() {
        try (RawSocket socket = user.connect(); RawSocket bystander = user.connect()) {
            try {
                socket.sendText(heartbeatOfSize("huge", 2 * 1024 * 1024));
            } catch (java.io.UncheckedIOException closedWhileSending) {
                // the server may hang up before the whole frame is written
            }
            assertThat(socket.awaitEnd(Duration.ofSeconds(15))).as("the connection ends").isTrue();
            assertThat(socket.closeCode()).isIn(1009, -1);
            assertThat(socket.frames()).noneMatch(frame -> frame.has("id") && "huge".equals(frame.get("id").asString()));
            assertThat(bystander.heartbeatAnswered()).isTrue();
        }
        try (RawSocket fresh = user.connect()) {
            assertThat(fresh.heartbeatAnswered()).isTrue();
        }
    }

    @ParameterizedTest(name = "a sendMessage whose content holds the bytes {0} is refused, and the gateway serves on")
    @ValueSource(strings = {"C328", "FF", "EDA080", "C0AF"})
    void aTextFrameThatIsNotUtf8IsRefused(String hex) {
        try (RawSocket socket = user.connect(); RawSocket bystander = user.connect()) {
            byte[] head = ("{\"type\":\"sendMessage\",\"id\":\"bad-utf8\",\"roomId\":\"" + roomId
                    + "\",\"clientMsgId\":\"" + java.util.UUID.randomUUID() + "\",\"content\":\"ab").getBytes(StandardCharsets.UTF_8);
            byte[] bad = HexFormat.of().parseHex(hex);
            byte[] tail = "cd\"}".getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, payload, 0, head.length);
            System.arraycopy(bad, 0, payload, head.length, bad.length);
            System.arraycopy(tail, 0, payload, head.length + bad.length, tail.length);
            socket.sendFrame(RawSocket.TEXT, true, payload);

            // RFC 6455 8.1 says fail the connection with 1007; an error frame or a failed ack on a
            // socket that stays usable refuses it as well. Accepting it (with U+FFFD) does not.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!socket.hasEnded() && socket.frames("error").isEmpty() && socket.frames("ack").isEmpty()
                    && System.nanoTime() < deadline) {
                User.sleep(10);
            }
            if (socket.hasEnded()) {
                assertThat(socket.closeCode()).as("close code").isEqualTo(1007);
            } else {
                assertThat(socket.frames("ack")).as("acks").noneMatch(ack -> "ACCEPTED".equals(ack.get("status").asString()));
                assertThat(socket.frames().stream().filter(frame -> frame.has("error")))
                        .as("an error frame or a failed ack")
                        .isNotEmpty()
                        .allMatch(frame -> Stream.of("MALFORMED_FRAME", "VALIDATION_FAILED").anyMatch(frame.get("error").get("code").asString()::equals));
                assertThat(socket.heartbeatAnswered()).isTrue();
            }
            assertThat(bystander.heartbeatAnswered()).isTrue();
        }
    }

    @Test
    void aPingIsAnsweredWithAPong() {
        try (RawSocket socket = user.connect()) {
            socket.sendFrame(RawSocket.PING, true, "are you there".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (socket.pongCount() == 0 && System.nanoTime() < deadline) {
                User.sleep(10);
            }
            assertThat(socket.pongCount()).as("pong frames (RFC 6455 5.5.2)").isEqualTo(1);
            assertThat(socket.heartbeatAnswered()).isTrue();
        }
    }

    /** A heartbeat frame with this id, padded to exactly {@code size} bytes. */
    static String heartbeatOfSize(String id, int size) {
        String head = "{\"type\":\"heartbeat\",\"id\":\"" + id + "\",\"pad\":\"";
        String tail = "\"}";
        return head + "p".repeat(size - head.length() - tail.length()) + tail;
    }
}
