package parley.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The load generator's side of the Socket.IO wire (issue 13's contract), without a server. */
class SocketIoProtocolTest {

    private final Protocol sio = Protocol.of("socketio");

    /** Records what the protocol does to its socket. */
    private static final class FakeLink implements Protocol.Link {
        final List<String> sent = new ArrayList<>();
        boolean ready;
        String ended;

        @Override
        public boolean send(String frame) {
            sent.add(frame);
            return true;
        }

        @Override
        public void ready() {
            ready = true;
        }

        @Override
        public void endedByServer(String why) {
            ended = why;
        }
    }

    @Test
    void connectsOverTheWebSocketTransportWithTheTokenInTheConnectPacket() {
        assertThat(sio.url("http://127.0.0.1:3100", "jwt")).isEqualTo("ws://127.0.0.1:3100/socket.io/?EIO=4&transport=websocket");
        assertThat(sio.handshakes()).isTrue();
        FakeLink link = new FakeLink();

        boolean consumed = sio.session("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                + "\"maxPayload\":1000000}", "a.b-c_d", link);

        assertThat(consumed).isTrue();
        assertThat(link.sent).containsExactly("40{\"token\":\"a.b-c_d\"}");
        assertThat(link.ready).isFalse();

        assertThat(sio.session("40{\"sid\":\"xyz\"}", "a.b-c_d", link)).isTrue();
        assertThat(link.ready).isTrue();
        assertThat(link.ended).isNull();
    }

    @Test
    void answersEveryPingWithAPong() {
        FakeLink link = new FakeLink();
        assertThat(sio.session("2", "t", link)).isTrue();
        assertThat(sio.session("2", "t", link)).isTrue();
        assertThat(link.sent).containsExactly("3", "3");
        assertThat(sio.session("6", "t", link)).as("noop").isTrue();
        assertThat(link.sent).hasSize(2);
    }

    @Test
    void serverDisconnectConnectErrorAndEngineCloseEndTheSession() {
        FakeLink disconnect = new FakeLink();
        assertThat(sio.session("41", "t", disconnect)).isTrue();
        assertThat(disconnect.ended).contains("41");

        FakeLink refused = new FakeLink();
        assertThat(sio.session("44{\"message\":\"Invalid namespace\"}", "t", refused)).isTrue();
        assertThat(refused.ended).contains("CONNECT_ERROR").contains("Invalid namespace");
        assertThat(refused.ready).isFalse();

        FakeLink closed = new FakeLink();
        assertThat(sio.session("1", "t", closed)).isTrue();
        assertThat(closed.ended).contains("close");
    }

    @Test
    void eventsAndAcksAreTheScenariosNotTheSessions() {
        FakeLink link = new FakeLink();
        assertThat(sio.session("42[\"newMessage\",{\"id\":\"m\"}]", "t", link)).isFalse();
        assertThat(sio.session("437[{\"status\":\"ACCEPTED\"}]", "t", link)).isFalse();
        assertThat(link.sent).isEmpty();
        assertThat(link.ready).isFalse();
        assertThat(link.ended).isNull();
    }

    @Test
    void encodesJoinRoomAndSendMessageAsEventsWithAckIds() {
        assertThat(sio.joinRoom("r-1")).isEqualTo("420[\"joinRoom\",{\"roomId\":\"r-1\"}]");
        assertThat(sio.sendMessage("1234", "r-1", "c-1", "lg 1234 xx"))
                .isEqualTo("421234[\"sendMessage\",{\"roomId\":\"r-1\",\"clientMsgId\":\"c-1\",\"type\":\"TEXT\",\"content\":\"lg 1234 xx\"}]");
    }

    @Test
    void theEventPayloadIsJsonEvenForContentThatNeedsEscaping() {
        String content = "say \"hi\" \\ back\n\tnow \u0001";
        String frame = sio.sendMessage("9", "room", "cmid", content);

        assertThat(frame).startsWith("429[");
        JsonNode event = Rest.JSON.readTree(frame.substring(3));
        assertThat(event.get(0).asString()).isEqualTo("sendMessage");
        assertThat(event.get(1).get("roomId").asString()).isEqualTo("room");
        assertThat(event.get(1).get("clientMsgId").asString()).isEqualTo("cmid");
        assertThat(event.get(1).get("type").asString()).isEqualTo("TEXT");
        assertThat(event.get(1).get("content").asString()).isEqualTo(content);

        JsonNode auth = Rest.JSON.readTree(SocketIoProtocol.connect("to\"ken").substring(2));
        assertThat(auth.get("token").asString()).isEqualTo("to\"ken");
        assertThat(SocketIoProtocol.escape("plain")).isSameAs("plain");
    }

    @Test
    void decodesASendMessageAck() {
        String accepted = "4317[{\"clientMsgId\":\"0f8fad5b-d9cb-469f-a165-00000000002a\",\"status\":\"ACCEPTED\","
                + "\"messageId\":\"01JF0000000000000000000001\"}]";
        assertThat(sio.kind(accepted)).isEqualTo(Protocol.Kind.ACK);
        assertThat(sio.answerId(accepted)).isEqualTo(17);
        assertThat(sio.accepted(accepted)).isTrue();
        assertThat(Frames.string(accepted, "messageId")).isEqualTo("01JF0000000000000000000001");

        String failed = "430[{\"clientMsgId\":\"c\",\"status\":\"FAILED\",\"error\":\"Not a \\\"success\\\": member\","
                + "\"code\":\"NOT_A_MEMBER\"}]";
        assertThat(sio.kind(failed)).as("an escaped \"success\" in the error text").isEqualTo(Protocol.Kind.ACK);
        assertThat(sio.answerId(failed)).isZero();
        assertThat(sio.accepted(failed)).isFalse();
        assertThat(Frames.string(failed, "code")).isEqualTo("NOT_A_MEMBER");

        assertThat(sio.answerId("43[{}]")).as("no ack id").isEqualTo(-1);
        assertThat(sio.answerId("43x[{}]")).isEqualTo(-1);
        assertThat(sio.answerId("42[\"newMessage\",{}]")).isEqualTo(-1);
    }

    @Test
    void decodesAJoinRoomAnswer() {
        assertThat(sio.kind("430[{\"success\":true}]")).isEqualTo(Protocol.Kind.REPLY);
        assertThat(sio.replyOk("430[{\"success\":true}]")).isTrue();

        String refused = "430[{\"success\":false,\"error\":\"Not a member of this room\",\"code\":\"NOT_A_MEMBER\"}]";
        assertThat(sio.kind(refused)).isEqualTo(Protocol.Kind.REPLY);
        assertThat(sio.replyOk(refused)).isFalse();
        assertThat(Frames.string(refused, "code")).isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void decodesAPushedMessageWithTheFieldsTheScenarioReads() {
        String pushed = "42[\"newMessage\",{\"id\":\"01JF0000000000000000000001\",\"roomId\":\"r\",\"senderId\":\"u\","
                + "\"clientMsgId\":\"0f8fad5b-d9cb-469f-a165-00000000002a\",\"type\":\"TEXT\",\"content\":\"lg 42 x\","
                + "\"createdAt\":\"2026-12-03T12:00:00Z\",\"seq\":1234}]";
        assertThat(sio.kind(pushed)).isEqualTo(Protocol.Kind.NEW_MESSAGE);
        assertThat(Frames.string(pushed, "clientMsgId")).isEqualTo("0f8fad5b-d9cb-469f-a165-00000000002a");
        assertThat(Frames.string(pushed, "id")).isEqualTo("01JF0000000000000000000001");
        assertThat(Frames.number(pushed, "seq", -1)).isEqualTo(1234);
    }

    @Test
    void exceptionsAreErrorsAndPresenceAndTypingAreNotCounted() {
        String exception = "42[\"exception\",{\"status\":\"error\",\"code\":\"RATE_LIMITED\",\"message\":\"slow down\"}]";
        assertThat(sio.kind(exception)).isEqualTo(Protocol.Kind.ERROR);
        assertThat(Frames.string(exception, "code")).isEqualTo("RATE_LIMITED");

        assertThat(sio.kind("42[\"presence\",{\"userId\":\"u\",\"online\":true}]")).isEqualTo(Protocol.Kind.OTHER);
        assertThat(sio.kind("42[\"typing\",{\"roomId\":\"r\",\"userId\":\"u\"}]")).isEqualTo(Protocol.Kind.OTHER);
    }

    @Test
    void protocolsByName() {
        assertThat(Protocol.of("ws")).isSameAs(Protocol.WS);
        assertThat(Protocol.of("socketio")).isSameAs(Protocol.SOCKET_IO);
        assertThat(Protocol.of("socket.io")).isSameAs(Protocol.SOCKET_IO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Protocol.of("sse")).isInstanceOf(IllegalArgumentException.class);
    }
}
