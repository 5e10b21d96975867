package parley.loadgen;

/**
 * Parley's own JSON frames at {@code /ws}: {@code {"type":"joinRoom","id":"join","roomId":…}} →
 * {@code {"type":"reply","id":"join","ok":true}}, {@code {"type":"sendMessage","id":"7",…}} →
 * {@code {"type":"ack","id":"7","clientMsgId",…,"status":"ACCEPTED","messageId"}}, pushed
 * {@code {"type":"newMessage","message":{…}}} and {@code {"type":"error",…}}. The token goes in the
 * URL; there is no handshake past the upgrade and no heartbeat the client must answer.
 */
final class WsProtocol implements Protocol {

    WsProtocol() {
    }

    @Override
    public String name() {
        return "ws";
    }

    @Override
    public String label() {
        return "/ws";
    }

    @Override
    public String url(String gatewayHttp, String token) {
        return gatewayHttp.replaceFirst("^http", "ws") + "/ws?token=" + token;
    }

    @Override
    public boolean handshakes() {
        return false;
    }

    @Override
    public boolean session(String text, String token, Link link) {
        return false;
    }

    @Override
    public String joinRoom(String roomId) {
        return "{\"type\":\"joinRoom\",\"id\":\"join\",\"roomId\":\"" + roomId + "\"}";
    }

    @Override
    public String sendMessage(String id, String roomId, String clientMsgId, String content) {
        return "{\"type\":\"sendMessage\",\"id\":\"" + id + "\",\"roomId\":\"" + roomId
                + "\",\"clientMsgId\":\"" + clientMsgId + "\",\"content\":\"" + content + "\"}";
    }

    @Override
    public Kind kind(String text) {
        if (text.startsWith("{\"type\":\"newMessage\"")) {
            return Kind.NEW_MESSAGE;
        } else if (text.startsWith("{\"type\":\"ack\"")) {
            return Kind.ACK;
        } else if (text.startsWith("{\"type\":\"reply\"")) {
            return Kind.REPLY;
        } else if (text.startsWith("{\"type\":\"error\"")) {
            return Kind.ERROR;
        }
        return Kind.OTHER;
    }

    @Override
    public long answerId(String text) {
        return Frames.parseLong(Frames.string(text, "id"));
    }

    @Override
    public boolean replyOk(String text) {
        return text.contains("\"ok\":true");
    }
}
