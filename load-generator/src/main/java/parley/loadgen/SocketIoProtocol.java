package parley.loadgen;

/**
 * Socket.IO v5 over Engine.IO v4's WebSocket transport at {@code /socket.io/}, namespace {@code /},
 * text packets only, one Engine.IO packet per WebSocket frame (the gateway's contract of issue 13):
 * <ul>
 *   <li>the server opens with {@code 0{"sid",…,"pingInterval",…}}; the client sends CONNECT
 *       {@code 40{"token":"<jwt>"}} and is ready at the answer {@code 40{"sid":…}};</li>
 *   <li>the server pings ({@code 2}) and the client answers {@code 3};</li>
 *   <li>requests are events with an ack id, {@code 42<id>["name",{…}]}, answered {@code 43<id>[{…}]}:
 *       {@code joinRoom} by {@code {"success":…}}, {@code sendMessage} by {@code {"clientMsgId","status",…}};</li>
 *   <li>pushed events {@code 42["newMessage",{id,roomId,senderId,clientMsgId,type,content,createdAt,seq}]},
 *       {@code 42["exception",{status,code,message}]}, presence and typing;</li>
 *   <li>{@code 41} (DISCONNECT), {@code 44…} (CONNECT_ERROR) and Engine.IO {@code 1} (close) end the session.</li>
 * </ul>
 * No Socket.IO client library: the codec is these few string operations, as cheap as the {@code /ws} ones.
 */
final class SocketIoProtocol implements Protocol {

    static final String PATH = "/socket.io/?EIO=4&transport=websocket";
    /**
     * The ack id of the one {@code joinRoom} of a socket. Its answer is told apart from a
     * {@code sendMessage}'s by its content ({@code success}, never {@code status}), so the id may
     * repeat one of the message numbers.
     */
    static final String JOIN_ACK_ID = "0";

    private static final String NEW_MESSAGE = "42[\"newMessage\",";
    private static final String EXCEPTION = "42[\"exception\",";

    SocketIoProtocol() {
    }

    @Override
    public String name() {
        return "socketio";
    }

    @Override
    public String label() {
        return "Socket.IO";
    }

    @Override
    public String url(String gatewayHttp, String token) {
        // the token goes in the CONNECT packet (auth), as socket.io-client sends it, not in the URL
        return gatewayHttp.replaceFirst("^http", "ws") + PATH;
    }

    @Override
    public boolean handshakes() {
        return true;
    }

    /** The CONNECT packet for the default namespace with {@code auth = {token}}. */
    static String connect(String token) {
        return "40{\"token\":\"" + escape(token) + "\"}";
    }

    @Override
    public boolean session(String text, String token, Link link) {
        if (text.isEmpty()) {
            return true;
        }
        char engine = text.charAt(0);
        switch (engine) {
            case '0' -> { // Engine.IO open: the server's settings; the server pings, so none of them is needed here
                link.send(connect(token));
                return true;
            }
            case '1' -> {
                link.endedByServer("Engine.IO close (1)");
                return true;
            }
            case '2' -> { // ping (a "2probe" belongs to the polling upgrade, which this client never does)
                link.send("3");
                return true;
            }
            case '3', '6' -> { // pong, noop
                return true;
            }
            case '4' -> {
                if (text.length() < 2) {
                    return true;
                }
                switch (text.charAt(1)) {
                    case '0' -> {
                        link.ready();
                        return true;
                    }
                    case '1' -> {
                        link.endedByServer("Socket.IO DISCONNECT (41)");
                        return true;
                    }
                    case '4' -> {
                        link.endedByServer("Socket.IO CONNECT_ERROR " + text.substring(2));
                        return true;
                    }
                    default -> {
                        return false; // 42 event, 43 ack: the scenario's
                    }
                }
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public String joinRoom(String roomId) {
        return "42" + JOIN_ACK_ID + "[\"joinRoom\",{\"roomId\":\"" + roomId + "\"}]";
    }

    @Override
    public String sendMessage(String id, String roomId, String clientMsgId, String content) {
        return "42" + id + "[\"sendMessage\",{\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"type\":\"TEXT\",\"content\":\"" + escape(content) + "\"}]";
    }

    @Override
    public Kind kind(String text) {
        if (text.startsWith(NEW_MESSAGE)) {
            return Kind.NEW_MESSAGE;
        } else if (text.startsWith("43")) {
            // an escaped "success" in an error text reads \"success\": and does not match
            return text.contains("\"success\":") ? Kind.REPLY : Kind.ACK;
        } else if (text.startsWith(EXCEPTION)) {
            return Kind.ERROR;
        }
        return Kind.OTHER;
    }

    @Override
    public long answerId(String text) {
        if (!text.startsWith("43")) {
            return -1;
        }
        int end = text.indexOf('[', 2);
        return end < 0 ? -1 : Frames.parseLong(text.substring(2, end));
    }

    @Override
    public boolean replyOk(String text) {
        return text.contains("\"success\":true");
    }

    /** A JSON string's content (without the quotes); the text itself when nothing needs escaping. */
    static String escape(String value) {
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                break;
            }
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
