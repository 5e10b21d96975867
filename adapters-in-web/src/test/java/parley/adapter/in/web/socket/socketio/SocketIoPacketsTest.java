package parley.adapter.in.web.socket.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import parley.adapter.in.web.socket.socketio.SocketIoPacket.Type;
import tools.jackson.databind.json.JsonMapper;

/** The Socket.IO v5 packet encoding, from the protocol's description and its examples. */
class SocketIoPacketsTest {

    private final SocketIoPackets packets = new SocketIoPackets(JsonMapper.builder().build());

    @Test
    void readsConnectWithAndWithoutAuth() {
        SocketIoPacket bare = packets.read("0");
        assertThat(bare.type()).isEqualTo(Type.CONNECT);
        assertThat(bare.inMainNamespace()).isTrue();
        assertThat(bare.data()).isNull();

        SocketIoPacket auth = packets.read("0{\"token\":\"abc\"}");
        assertThat(auth.data().get("token").asString()).isEqualTo("abc");

        SocketIoPacket admin = packets.read("0/admin,{\"token\":\"abc\"}");
        assertThat(admin.namespace()).isEqualTo("/admin");
        assertThat(admin.inMainNamespace()).isFalse();
        assertThat(packets.read("0/admin,").namespace()).isEqualTo("/admin");
    }

    @Test
    void readsEventsWithAndWithoutAckIds() {
        SocketIoPacket event = packets.read("2[\"joinRoom\",{\"roomId\":\"r\"}]");
        assertThat(event.type()).isEqualTo(Type.EVENT);
        assertThat(event.ackId()).isNull();
        assertThat(event.data().get(0).asString()).isEqualTo("joinRoom");

        SocketIoPacket withAck = packets.read("212[\"heartbeat\"]");
        assertThat(withAck.ackId()).isEqualTo("12");
        assertThat(withAck.data().size()).isEqualTo(1);

        SocketIoPacket inNamespace = packets.read("2/chat,7[\"x\"]");
        assertThat(inNamespace.namespace()).isEqualTo("/chat");
        assertThat(inNamespace.ackId()).isEqualTo("7");
    }

    @Test
    void readsBinaryEventsSoThatTheyCanBeRefused() {
        SocketIoPacket binary = packets.read("51-3[\"sendMessage\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(binary.type()).isEqualTo(Type.BINARY_EVENT);
        assertThat(binary.ackId()).isEqualTo("3");
    }

    @Test
    void readsDisconnect() {
        assertThat(packets.read("1").type()).isEqualTo(Type.DISCONNECT);
        assertThat(packets.read("1/admin,").namespace()).isEqualTo("/admin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "7", "9[]", "2", "2{}", "2[]", "2[{}]", "2[\"x\"", "0[]", "0\"token\"", "1{}",
            "3[]", "4{\"message\":\"x\"}", "5[\"x\"]", "5x-[\"x\"]", "21234567890123456[\"x\"]"})
    void refusesMalformedPackets(String text) {
        assertThatThrownBy(() -> packets.read(text)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void theHeaderOfAnEventCanBeReadWithoutParsingIt() {
        assertThat(SocketIoPackets.EventHeader.peek("212[\"sendMessage\",{}]")).isEqualTo(new SocketIoPackets.EventHeader("12", "sendMessage"));
        assertThat(SocketIoPackets.EventHeader.peek("2[\"typing\"]")).isEqualTo(new SocketIoPackets.EventHeader(null, "typing"));
        assertThat(SocketIoPackets.EventHeader.peek("2/chat,7[\"x\"]")).isEqualTo(new SocketIoPackets.EventHeader("7", "x"));
        assertThat(SocketIoPackets.EventHeader.peek("51-3[\"sendMessage\",{}]")).isEqualTo(new SocketIoPackets.EventHeader("3", "sendMessage"));
        assertThat(SocketIoPackets.EventHeader.peek("29[\"a\\\"b\"]")).as("escapes: no plain name").isEqualTo(new SocketIoPackets.EventHeader("9", null));
        assertThat(SocketIoPackets.EventHeader.peek("2[42]")).isEqualTo(new SocketIoPackets.EventHeader(null, null));
        assertThat(SocketIoPackets.EventHeader.peek("2" + "1".repeat(20) + "[\"x\"]").ackId()).isNull();
    }

    @Test
    void writesWhatTheServerSends() {
        assertThat(text(packets.connected("s1"))).isEqualTo("40{\"sid\":\"s1\"}");
        assertThat(text(packets.disconnect())).isEqualTo("41");
        assertThat(text(packets.connectError("/admin", "Invalid namespace", null))).isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
        assertThat(text(packets.connectError("/", "too many", Map.of("code", "LIMIT_REACHED"))))
                .isEqualTo("44{\"message\":\"too many\",\"data\":{\"code\":\"LIMIT_REACHED\"}}");
        assertThat(text(packets.event("typing", Map.of("roomId", "r")))).isEqualTo("42[\"typing\",{\"roomId\":\"r\"}]");
        assertThat(text(packets.ack("15", Map.of("success", true)))).isEqualTo("4315[{\"success\":true}]");
    }

    @Test
    void eventNamesAndTextAreJsonEscaped() {
        assertThat(text(packets.event("a\"b", Map.of("t", "ü\n")))).isEqualTo("42[\"a\\\"b\",{\"t\":\"ü\\n\"}]");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
