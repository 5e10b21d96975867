package parley.adapter.in.web.socket.socketio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine.IO v4 packets: one type character, then the data. On WebSocket each text frame is one
 * packet; a polling body is packets separated by the record separator {@code \u001e}. Binary
 * packets ({@code b<base64>} in a polling body, binary WebSocket frames) are not used by Parley.
 */
final class EnginePackets {

    static final char OPEN = '0';
    static final char CLOSE = '1';
    static final char PING = '2';
    static final char PONG = '3';
    static final char MESSAGE = '4';
    static final char UPGRADE = '5';
    static final char NOOP = '6';
    static final char BINARY = 'b';
    static final byte SEPARATOR = 0x1e;

    static final byte[] PING_PACKET = {PING};
    static final byte[] NOOP_PACKET = {NOOP};
    static final byte[] CLOSE_PACKET = {CLOSE};
    static final String PROBE = "probe";

    private EnginePackets() {
    }

    /** The handshake's answer: {@code 0{"sid",...}}. */
    static byte[] open(String sid, boolean upgradeToWebSocket, SocketIoSettings settings) {
        return ("0{\"sid\":\"" + sid + "\",\"upgrades\":" + (upgradeToWebSocket ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + settings.pingInterval().toMillis()
                + ",\"pingTimeout\":" + settings.pingTimeout().toMillis()
                + ",\"maxPayload\":" + settings.maxPayloadBytes() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The packets of a polling POST body; empty packets make the body malformed. */
    static List<String> split(String body) {
        List<String> packets = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = body.indexOf(SEPARATOR, start);
            String packet = end < 0 ? body.substring(start) : body.substring(start, end);
            if (packet.isEmpty()) {
                throw new MalformedPacketException("empty packet in a polling payload");
            }
            packets.add(packet);
            if (end < 0) {
                return packets;
            }
            start = end + 1;
        }
    }

    /** A polling GET's body: the packets joined by the separator. */
    static byte[] join(List<byte[]> packets) {
        int size = Math.max(0, packets.size() - 1);
        for (byte[] packet : packets) {
            size += packet.length;
        }
        byte[] body = new byte[size];
        int at = 0;
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                body[at++] = SEPARATOR;
            }
            byte[] packet = packets.get(i);
            System.arraycopy(packet, 0, body, at, packet.length);
            at += packet.length;
        }
        return body;
    }
}
