package parley.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The /ws frames are byte for byte those the pipeline scenario sent before it had a protocol to choose. */
class WsProtocolTest {

    private final Protocol ws = Protocol.of("ws");

    @Test
    void sameFramesAsBefore() {
        assertThat(ws.url("http://127.0.0.1:3100", "jwt")).isEqualTo("ws://127.0.0.1:3100/ws?token=jwt");
        assertThat(ws.handshakes()).isFalse();
        assertThat(ws.joinRoom("r-1")).isEqualTo("{\"type\":\"joinRoom\",\"id\":\"join\",\"roomId\":\"r-1\"}");
        assertThat(ws.sendMessage("12", "r-1", "c-1", "lg 12 xx"))
                .isEqualTo("{\"type\":\"sendMessage\",\"id\":\"12\",\"roomId\":\"r-1\",\"clientMsgId\":\"c-1\",\"content\":\"lg 12 xx\"}");
    }

    @Test
    void noFrameIsTheSessions() {
        assertThat(ws.session("2", "t", null)).isFalse();
        assertThat(ws.session("{\"type\":\"newMessage\",\"message\":{}}", "t", null)).isFalse();
    }

    @Test
    void decodesTheServerFrames() {
        String ack = "{\"type\":\"ack\",\"id\":\"12\",\"clientMsgId\":\"c\",\"status\":\"ACCEPTED\",\"messageId\":\"m\"}";
        assertThat(ws.kind(ack)).isEqualTo(Protocol.Kind.ACK);
        assertThat(ws.answerId(ack)).isEqualTo(12);
        assertThat(ws.accepted(ack)).isTrue();
        assertThat(ws.accepted("{\"type\":\"ack\",\"id\":\"1\",\"status\":\"FAILED\",\"code\":\"X\"}")).isFalse();

        assertThat(ws.kind("{\"type\":\"reply\",\"id\":\"join\",\"ok\":true}")).isEqualTo(Protocol.Kind.REPLY);
        assertThat(ws.replyOk("{\"type\":\"reply\",\"id\":\"join\",\"ok\":true}")).isTrue();
        assertThat(ws.replyOk("{\"type\":\"reply\",\"id\":\"join\",\"ok\":false,\"code\":\"NOT_A_MEMBER\"}")).isFalse();

        String pushed = "{\"type\":\"newMessage\",\"message\":{\"id\":\"m\",\"clientMsgId\":\"c\",\"seq\":3}}";
        assertThat(ws.kind(pushed)).isEqualTo(Protocol.Kind.NEW_MESSAGE);
        assertThat(Frames.string(pushed, "id")).isEqualTo("m");
        assertThat(ws.kind("{\"type\":\"error\",\"code\":\"RATE_LIMITED\"}")).isEqualTo(Protocol.Kind.ERROR);
        assertThat(ws.kind("{\"type\":\"presence\",\"userId\":\"u\"}")).isEqualTo(Protocol.Kind.OTHER);
    }
}
