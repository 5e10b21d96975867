package parley.adapter.in.web.socket;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;
import parley.application.ErrorCode;
import parley.adapter.in.web.Failure;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads client frames and writes server frames, in the shapes of PROTOCOL.md. Server frames are
 * written straight to UTF-8 bytes, the form a text frame goes out in: a {@code newMessage} frame is
 * encoded once and the same bytes are wrapped (not copied) for every socket of the room.
 */
@Component
final class FrameCodec extends ServerFrames {

    static final int MAX_FRAME_ID_LENGTH = 64;

    private final JsonMapper json = JsonMapper.builder().build();

    ClientFrame read(String text) {
        JsonNode body;
        try {
            body = json.readTree(text);
        } catch (JacksonException e) {
            throw new FrameException(ErrorCode.MALFORMED_FRAME, "the frame is not valid JSON", null);
        }
        if (body == null || !body.isObject()) {
            throw new FrameException(ErrorCode.MALFORMED_FRAME, "a frame must be a JSON object", null);
        }
        JsonNode idNode = body.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isString() || idNode.stringValue().length() > MAX_FRAME_ID_LENGTH) {
                throw new FrameException(ErrorCode.VALIDATION_FAILED, "id must be a string of at most " + MAX_FRAME_ID_LENGTH + " characters", null);
            }
            id = idNode.stringValue();
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isString()) {
            throw new FrameException(ErrorCode.VALIDATION_FAILED, "type is required", id);
        }
        return new ClientFrame(type.stringValue(), id, body);
    }

    /** How {@code /ws} answers the command of frame {@code id}: one frame per outcome, emitted to the socket. */
    Replier replier(ChatSession session, String id) {
        return outcome -> {
            byte[] frame = reply(id, outcome);
            if (frame != null) {
                session.emit(frame);
            }
        };
    }

    /** The frame an outcome is on {@code /ws}; null when there is nothing to answer. */
    byte[] reply(String id, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Done done -> write(new Reply("reply", id, true, null));
            case Outcome.Refused refused -> write(new Reply("reply", id, false, problem(refused.failure())));
            case Outcome.Accepted accepted -> write(new Ack("ack", id, accepted.clientMsgId(), "ACCEPTED", accepted.messageId().value(), null));
            // UNKNOWN (v1.1): the broker may hold the message; FAILED: it certainly does not. Both: retry with the same clientMsgId
            case Outcome.NotAccepted notAccepted -> write(new Ack("ack", id, notAccepted.clientMsgId(),
                    notAccepted.failure().code() == ErrorCode.OUTCOME_UNKNOWN ? "UNKNOWN" : "FAILED", null, problem(notAccepted.failure())));
            case Outcome.Failed failed -> write(new ErrorFrame("error", id, problem(failed.failure())));
            case Outcome.Silent silent -> null;
        };
    }

    byte[] error(String id, ErrorCode code, String message) {
        return write(new ErrorFrame("error", id, new Problem(code.name(), message)));
    }

    /** {@code {"type":<type>, ...members}}: the type first, then the members in their record order. */
    @Override
    protected byte[] push(String type, Object members) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", type);
        frame.setAll((ObjectNode) json.valueToTree(members));
        return json.writeValueAsBytes(frame);
    }

    private static Problem problem(Failure failure) {
        return new Problem(failure.code().name(), failure.message());
    }

    private byte[] write(Object frame) {
        return json.writeValueAsBytes(frame);
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

}
