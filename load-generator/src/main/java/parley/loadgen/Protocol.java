package parley.loadgen;

/**
 * The wire a scenario's sockets speak, so that the scenario itself does not care: Parley's own JSON
 * frames at {@code /ws} ({@link WsProtocol}) or Socket.IO v5 over Engine.IO v4's WebSocket transport
 * at {@code /socket.io/} ({@link SocketIoProtocol}). A protocol encodes the two requests the
 * scenarios make (join a room, send a message), tells what a server frame is, and handles the
 * connection-level frames (handshake, heartbeat) itself through a {@link Link}.
 *
 * <p>The fields a scenario reads out of a frame with {@link Frames} ({@code clientMsgId}, {@code id}
 * and {@code seq} of a delivered message, {@code status}, {@code messageId} and {@code code} of an
 * answer) have the same names in both, so the scenario reads them from the frame's text directly.
 */
interface Protocol {

    /** What a server frame is, to the scenario. */
    enum Kind {
        /** A message pushed to the room ({@code newMessage}). */
        NEW_MESSAGE,
        /** The answer to a {@code sendMessage}: ACCEPTED or not, with the request's id. */
        ACK,
        /** The answer to a {@code joinRoom}: ok or not. */
        REPLY,
        /** An error that answers no request. */
        ERROR,
        /** Presence, typing and whatever else the scenarios do not count. */
        OTHER
    }

    /** What a protocol needs of its socket for the connection-level frames; called on the socket's event loop. */
    interface Link {
        /** Queues a text frame. */
        boolean send(String frame);

        /** The connection is ready for requests (for Socket.IO: the server accepted the CONNECT). */
        void ready();

        /** The server ended the session inside the protocol (Socket.IO DISCONNECT, CONNECT_ERROR, Engine.IO close). */
        void endedByServer(String why);
    }

    Protocol WS = new WsProtocol();
    Protocol SOCKET_IO = new SocketIoProtocol();

    /** {@code ws} (the default) or {@code socketio}. */
    static Protocol of(String name) {
        return switch (name) {
            case "ws" -> WS;
            case "socketio", "socket.io" -> SOCKET_IO;
            default -> throw new IllegalArgumentException("--protocol is ws or socketio, not '" + name + "'");
        };
    }

    /** {@code ws} or {@code socketio}, as {@code --protocol} takes it. */
    String name();

    /** How the report names it: {@code /ws} or {@code Socket.IO}. */
    String label();

    /** The WebSocket URL of a gateway given by its HTTP base URL, for a user's token. */
    String url(String gatewayHttp, String token);

    /** Whether the socket is ready only once the protocol says so ({@link Link#ready()}), not at the WebSocket upgrade. */
    boolean handshakes();

    /**
     * Handles a connection-level frame (handshake, ping, disconnect) and returns true; returns false for a
     * frame the scenario is to see.
     */
    boolean session(String text, String token, Link link);

    /** Joins a room (one join per socket, answered by a {@link Kind#REPLY}). */
    String joinRoom(String roomId);

    /** Sends a text message; {@code id} is a decimal number, which its {@link Kind#ACK} carries back. */
    String sendMessage(String id, String roomId, String clientMsgId, String content);

    Kind kind(String text);

    /** The request id of an {@link Kind#ACK}, -1 when it has none. */
    long answerId(String text);

    /** Whether a {@link Kind#REPLY} says yes. */
    boolean replyOk(String text);

    /** Whether an {@link Kind#ACK} says ACCEPTED. */
    default boolean accepted(String text) {
        return text.contains("\"status\":\"ACCEPTED\"");
    }
}
