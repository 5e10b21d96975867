package parley.adapter.in.web.socket;

import parley.application.ErrorCode;
import parley.application.UseCaseException;

/**
 * A frame that cannot be handled; answered with an error frame (or a failed reply) and the socket
 * stays open. Without a stack trace: a client can send as many bad frames as its budget allows.
 */
final class FrameException extends UseCaseException {

    private final String frameId;

    FrameException(ErrorCode code, String message, String frameId) {
        super(code, message, false);
        this.frameId = frameId;
    }

    String frameId() {
        return frameId;
    }
}
