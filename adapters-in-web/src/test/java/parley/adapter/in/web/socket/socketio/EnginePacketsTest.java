package parley.adapter.in.web.socket.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Engine.IO v4 packet and payload encoding. */
class EnginePacketsTest {

    @Test
    void theOpenPacketAnnouncesTheSessionAndItsTimings() {
        String open = new String(EnginePackets.open("abc", true, SocketIoSettings.DEFAULTS), StandardCharsets.UTF_8);
        assertThat(open).isEqualTo("0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1048576}");
        assertThat(new String(EnginePackets.open("abc", false, SocketIoSettings.DEFAULTS), StandardCharsets.UTF_8)).contains("\"upgrades\":[]");
    }

    @Test
    void aPollingPayloadIsPacketsSeparatedByTheRecordSeparator() {
        assertThat(EnginePackets.split("4hello\u001e2\u001e4€")).containsExactly("4hello", "2", "4€");
        assertThat(EnginePackets.split("3")).containsExactly("3");
        byte[] joined = EnginePackets.join(List.of("4a".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(joined, StandardCharsets.UTF_8)).isEqualTo("4a\u001e2");
        assertThat(EnginePackets.join(List.of())).isEmpty();
    }

    @Test
    void emptyPacketsMakeAPayloadMalformed() {
        for (String body : List.of("", "\u001e", "4a\u001e", "\u001e4a", "4a\u001e\u001e4b")) {
            assertThatThrownBy(() -> EnginePackets.split(body)).as(body).isInstanceOf(MalformedPacketException.class);
        }
    }
}
