package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Frame-level helpers shared by the socket tests. */
final class Conversation {

    private Conversation() {
    }

    static JsonNode join(ChatSocket socket, String roomId, Long lastSeenSeq) {
        String seen = lastSeenSeq == null ? "" : ",\"lastSeenSeq\":" + lastSeenSeq;
        return socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + roomId + "\"" + seen));
    }

    static void joinOk(ChatSocket socket, String roomId) {
        assertThat(join(socket, roomId, null).get("ok").asBoolean()).isTrue();
    }

    /** Sends a text and returns the frame id of the sendMessage. */
    static String sendText(ChatSocket socket, String roomId, String clientMsgId, String text) {
        return socket.send("sendMessage", "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"content\":" + Rest.JSON.writeValueAsString(text));
    }

    /** Sends a text, waits for its ack, and returns it. */
    static JsonNode say(ChatSocket socket, String roomId, String text) {
        return socket.answerTo(sendText(socket, roomId, UUID.randomUUID().toString(), text));
    }
}
