package parley.adapter.in.web.socket.socketio;

import tools.jackson.databind.JsonNode;

/**
 * A decoded Socket.IO v5 packet: {@code <type>[<attachments>-][<namespace>,][<ackId>][<json>]}.
 *
 * @param type      the packet type
 * @param namespace {@code /} unless the packet named another
 * @param ackId     the acknowledgement id as the client wrote it (digits), or null
 * @param data      the JSON after the header, or null
 */
record SocketIoPacket(Type type, String namespace, String ackId, JsonNode data) {

    static final String MAIN_NAMESPACE = "/";

    enum Type {
        CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

        static Type of(char digit) {
            int index = digit - '0';
            if (index < 0 || index >= values().length) {
                throw new MalformedPacketException("unknown Socket.IO packet type '" + digit + "'");
            }
            return values()[index];
        }

        char digit() {
            return (char) ('0' + ordinal());
        }
    }

    boolean inMainNamespace() {
        return MAIN_NAMESPACE.equals(namespace);
    }
}
