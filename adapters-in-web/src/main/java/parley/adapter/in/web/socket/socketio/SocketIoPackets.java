package parley.adapter.in.web.socket.socketio;

import java.nio.charset.StandardCharsets;
import parley.adapter.in.web.socket.socketio.SocketIoPacket.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes Socket.IO v5 packets inside Engine.IO message packets. What is written starts
 * with the Engine.IO message type {@code 4}, ready to go on a transport. Reading validates the
 * packet as socket.io-parser does: a CONNECT carries an object or nothing, an EVENT a non-empty
 * array starting with the event name, a DISCONNECT nothing; anything else is malformed.
 */
final class SocketIoPackets {

    /** socket.io-client counts ack ids up from 0; more digits than a JavaScript number holds exactly are not an id it made. */
    static final int MAX_ACK_ID_DIGITS = 15;
    private static final int MAX_NAMESPACE_LENGTH = 128;

    private final JsonMapper json;

    SocketIoPackets(JsonMapper json) {
        this.json = json;
    }

    /** {@code text}: an Engine.IO message packet's data (without the leading {@code 4}). */
    SocketIoPacket read(String text) {
        if (text.isEmpty()) {
            throw new MalformedPacketException("empty Socket.IO packet");
        }
        Type type = Type.of(text.charAt(0));
        Header header = Header.of(text);
        if (header.problem() != null) {
            throw new MalformedPacketException(header.problem());
        }
        JsonNode data = null;
        if (header.payloadAt() < text.length()) {
            try {
                data = json.readTree(text.substring(header.payloadAt()));
            } catch (JacksonException e) {
                throw new MalformedPacketException("the packet's payload is not valid JSON");
            }
        }
        validate(type, data, header.ackId());
        return new SocketIoPacket(type, header.namespace(), header.ackId(), data);
    }

    /**
     * What comes between a packet's type and its payload: the attachment count of a binary packet,
     * the namespace, the ack id. Read once here, for {@link #read} and {@link EventHeader#peek}.
     *
     * @param payloadAt where the payload begins (the text's length when there is none)
     * @param problem why the header is malformed; null when it is not
     */
    private record Header(String namespace, String ackId, int payloadAt, String problem) {

        private static Header malformed(String problem) {
            return new Header(null, null, -1, problem);
        }

        /** {@code text} starts with its type character. */
        static Header of(String text) {
            int at = 1;
            char type = text.charAt(0);
            if (type == Type.BINARY_EVENT.digit() || type == Type.BINARY_ACK.digit()) {
                int dash = text.indexOf('-', at);
                if (dash < 0 || dash == at || !digits(text, at, dash)) {
                    return malformed("a binary packet without its attachment count");
                }
                at = dash + 1;
            }
            String namespace = SocketIoPacket.MAIN_NAMESPACE;
            if (at < text.length() && text.charAt(at) == '/') {
                int comma = text.indexOf(',', at);
                int end = comma < 0 ? text.length() : comma;
                if (end - at > MAX_NAMESPACE_LENGTH) {
                    return malformed("namespace too long");
                }
                namespace = text.substring(at, end);
                at = comma < 0 ? end : comma + 1;
            }
            int idEnd = at;
            while (idEnd < text.length() && idEnd - at <= MAX_ACK_ID_DIGITS && text.charAt(idEnd) >= '0' && text.charAt(idEnd) <= '9') {
                idEnd++;
            }
            if (idEnd - at > MAX_ACK_ID_DIGITS) {
                return malformed("ack id too long");
            }
            return new Header(namespace, idEnd > at ? text.substring(at, idEnd) : null, idEnd, null);
        }
    }

    private static void validate(Type type, JsonNode data, String ackId) {
        boolean valid = switch (type) {
            case CONNECT -> data == null || data.isObject();
            case DISCONNECT -> data == null;
            case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty()
                    && (data.get(0).isString() || data.get(0).isNumber());
            case ACK, BINARY_ACK -> data != null && data.isArray() && ackId != null;
            // only servers send CONNECT_ERROR
            case CONNECT_ERROR -> false;
        };
        if (!valid) {
            throw new MalformedPacketException("invalid payload for a " + type + " packet");
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether a message packet's data is an EVENT or BINARY_EVENT, by its first character. */
    static boolean isEvent(String data) {
        return !data.isEmpty() && (data.charAt(0) == Type.EVENT.digit() || data.charAt(0) == Type.BINARY_EVENT.digit());
    }

    /**
     * The ack id and event name of an EVENT packet read without parsing it, for answering one
     * that is refused before it is read; either is null when the packet does not show it plainly.
     */
    record EventHeader(String ackId, String name) {

        private static final int MAX_NAME = 64;

        static EventHeader peek(String data) {
            Header header = Header.of(data);
            if (header.problem() != null) {
                return new EventHeader(null, null);
            }
            int at = header.payloadAt();
            String name = null;
            if (data.startsWith("[\"", at)) {
                int close = data.indexOf('"', at + 2);
                if (close > 0 && close - at - 2 <= MAX_NAME && data.lastIndexOf('\\', close) < at + 2) {
                    name = data.substring(at + 2, close);
                }
            }
            return new EventHeader(header.ackId(), name);
        }
    }

    /** {@code 40{"sid":…}}: connected to the main namespace. */
    byte[] connected(String socketId) {
        return ascii("40{\"sid\":\"" + socketId + "\"}");
    }

    /** {@code 41}: the server disconnects the socket; socket.io-client does not reconnect by itself. */
    byte[] disconnect() {
        return ascii("41");
    }

    /** {@code 44[<namespace>,]{"message":…}}: a CONNECT refused. */
    byte[] connectError(String namespace, String message, Object data) {
        record ConnectError(String message, Object data) {
        }
        String prefix = SocketIoPacket.MAIN_NAMESPACE.equals(namespace) ? "44" : "44" + namespace + ",";
        return concat(ascii(prefix), json.writeValueAsBytes(data == null ? java.util.Map.of("message", message) : new ConnectError(message, data)));
    }

    /** {@code 42["<name>",<argument>]}. */
    byte[] event(String name, Object argument) {
        return concat(ascii("42["), json.writeValueAsBytes(name), ascii(","), json.writeValueAsBytes(argument), ascii("]"));
    }

    /** {@code 43<ackId>[<result>]}. */
    byte[] ack(String ackId, Object result) {
        return concat(ascii("43" + ackId + "["), json.writeValueAsBytes(result), ascii("]"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
