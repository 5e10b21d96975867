package parley.adapter.in.web.socket;

import java.nio.charset.CharacterCodingException;
import org.springframework.web.reactive.socket.WebSocketMessage;
import parley.application.ErrorCode;

/**
 * What a {@code /ws} frame must pass before it is a command: the socket's {@link FrameBudget},
 * text (not binary), the size limit, strict UTF-8 and the frame's JSON shape. A frame that fails
 * is answered with an error frame (or closes a flooding socket) and goes no further.
 */
final class FrameGate {

    private final FrameBudget budget;
    private final FrameCodec codec;
    private final long maxFrameBytes;

    FrameGate(FrameBudget budget, FrameCodec codec, long maxFrameBytes) {
        this.budget = budget;
        this.codec = codec;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The frame as a command, or null when it was answered (or dropped) here. */
    ClientFrame pass(ChatSession session, WebSocketMessage message) {
        switch (budget.take()) {
            case ADMIT -> {
            }
            case WARN -> {
                session.emit(codec.error(null, ErrorCode.RATE_LIMITED, "too many frames; slow down"));
                return null;
            }
            case DROP -> {
                return null;
            }
            case CLOSE -> {
                session.closeForPolicy("too many frames: rate limit exceeded");
                return null;
            }
        }
        if (message.getType() != WebSocketMessage.Type.TEXT) {
            if (message.getType() == WebSocketMessage.Type.BINARY) {
                session.emit(codec.error(null, ErrorCode.UNSUPPORTED_FRAME, "only JSON text frames are accepted"));
            }
            return null;
        }
        int size = message.getPayload().readableByteCount();
        if (size > maxFrameBytes) {
            session.emit(codec.error(null, ErrorCode.FRAME_TOO_LARGE,
                    "a frame may be at most " + maxFrameBytes + " bytes, this one has " + size));
            return null;
        }
        try {
            return codec.read(strictUtf8(message));
        } catch (FrameException e) {
            session.emit(codec.error(e.frameId(), e.code(), e.getMessage()));
            return null;
        }
    }

    /** The frame's text; a payload that is not UTF-8 is a MALFORMED_FRAME. */
    private static String strictUtf8(WebSocketMessage message) {
        try {
            return StrictUtf8.decode(message.getPayload());
        } catch (CharacterCodingException e) {
            throw new FrameException(ErrorCode.MALFORMED_FRAME, "the frame is not valid UTF-8", null);
        }
    }
}
