package parley.adapter.in.web.socket.socketio;

/** A packet that breaks the Engine.IO or Socket.IO encoding: the connection is closed. No stack trace (clients cause it). */
final class MalformedPacketException extends RuntimeException {

    MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
