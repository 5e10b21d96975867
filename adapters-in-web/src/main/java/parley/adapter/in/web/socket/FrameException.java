package parley.adapter.in.web.socket;

/** A frame that cannot be handled; answered with an error frame (or a failed reply) and the socket stays open. */
final class FrameException extends RuntimeException {

    private final String code;
    private final String frameId;

    FrameException(String code, String message, String frameId) {
        super(message, null, false, false);
        this.code = code;
        this.frameId = frameId;
    }

    String code() {
        return code;
    }

    String frameId() {
        return frameId;
    }
}
