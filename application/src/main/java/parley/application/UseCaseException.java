package parley.application;

import java.util.Objects;

/** A use case refused the request for a reason the client must be told, with its contract code. */
public class UseCaseException extends RuntimeException {

    private final ErrorCode code;

    public UseCaseException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public UseCaseException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public static UseCaseException roomNotFound(Object roomId) {
        return new UseCaseException(ErrorCode.ROOM_NOT_FOUND, "room " + roomId + " does not exist");
    }

    public static UseCaseException notAMember(Object roomId) {
        return new UseCaseException(ErrorCode.NOT_A_MEMBER, "you are not a member of room " + roomId);
    }
}
