package parley.adapter.in.web.socket;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;
import parley.application.ErrorCode;
import parley.adapter.in.web.MessageJson;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads client frames and writes server frames, in the shapes of PROTOCOL.md. Server frames are
 * written straight to UTF-8 bytes, the form a text frame goes out in: a {@code newMessage} frame is
 * encoded once and the same bytes are wrapped (not copied) for every socket of the room.
 */
@Component
final class FrameCodec {

    static final int MAX_FRAME_ID_LENGTH = 64;
    static final String CATCH_UP_FAILED = "CATCH_UP_FAILED";

    private final JsonMapper json = JsonMapper.builder().build();

    ClientFrame read(String text) {
        JsonNode body;
        try {
            body = json.readTree(text);
        } catch (JacksonException e) {
            throw new FrameException("MALFORMED_FRAME", "the frame is not valid JSON", null);
        }
        if (body == null || !body.isObject()) {
            throw new FrameException("MALFORMED_FRAME", "a frame must be a JSON object", null);
        }
        JsonNode idNode = body.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isString() || idNode.stringValue().length() > MAX_FRAME_ID_LENGTH) {
                throw new FrameException("VALIDATION_FAILED", "id must be a string of at most " + MAX_FRAME_ID_LENGTH + " characters", null);
            }
            id = idNode.stringValue();
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isString()) {
            throw new FrameException("VALIDATION_FAILED", "type is required", id);
        }
        return new ClientFrame(type.stringValue(), id, body);
    }

    byte[] ok(String id) {
        return write(new Reply("reply", id, true, null));
    }

    byte[] failedReply(String id, String code, String message) {
        return write(new Reply("reply", id, false, new Problem(code, message)));
    }

    byte[] accepted(String id, String clientMsgId, String messageId) {
        return write(new Ack("ack", id, clientMsgId, "ACCEPTED", messageId, null));
    }

    byte[] failedAck(String id, String clientMsgId, String code, String message) {
        return write(new Ack("ack", id, clientMsgId, "FAILED", null, new Problem(code, message)));
    }

    /** The broker may or may not hold the message (v1.1): the client sends it again with the same clientMsgId. */
    byte[] unknownAck(String id, String clientMsgId, String code, String message) {
        return write(new Ack("ack", id, clientMsgId, "UNKNOWN", null, new Problem(code, message)));
    }

    byte[] error(String id, String code, String message) {
        return write(new ErrorFrame("error", id, new Problem(code, message)));
    }

    /** A catch-up was given up: the socket no longer watches the room and should join it again. */
    byte[] catchUpFailed(RoomId roomId, String message) {
        return write(new RoomErrorFrame("error", roomId.value(), new Problem(CATCH_UP_FAILED, message)));
    }

    byte[] newMessage(Message message) {
        return write(new NewMessage("newMessage", MessageJson.from(message)));
    }

    /** {@code version} 0 (unknown) is left out of the frame. */
    byte[] presence(UserId userId, boolean online, long version) {
        return write(new Presence("presence", userId.value(), online, version > 0 ? version : null));
    }

    byte[] typing(RoomId roomId, UserId userId) {
        return write(new Typing("typing", roomId.value(), userId.value()));
    }

    static String code(ErrorCode code) {
        return code.name();
    }

    private byte[] write(Object frame) {
        return json.writeValueAsBytes(frame);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String code, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reply(String type, String id, boolean ok, Problem error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(String type, String id, String clientMsgId, String status, String messageId, Problem error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorFrame(String type, String id, Problem error) {
    }

    record RoomErrorFrame(String type, String roomId, Problem error) {
    }

    record NewMessage(String type, MessageJson message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Presence(String type, String userId, boolean online, Long version) {
    }

    record Typing(String type, String roomId, String userId) {
    }
}
