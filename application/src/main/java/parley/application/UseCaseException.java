package parley.application;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import parley.domain.room.RoomRuleViolation;

/** A use case refused the request for a reason the client must be told, with its contract code. */
public class UseCaseException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public UseCaseException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public UseCaseException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, null);
    }

    private UseCaseException(ErrorCode code, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = retryAfter;
    }

    /**
     * A refusal without a stack trace, for refusals a client can make as often as it likes (a
     * malformed frame): its cause is the client's input, never a place in the code.
     */
    protected UseCaseException(ErrorCode code, String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = null;
    }

    /** A refusal the client may retry after the given pause (HTTP answers it with {@code Retry-After}). */
    public static UseCaseException retryAfter(ErrorCode code, String message, Duration pause) {
        return new UseCaseException(code, message, null, Objects.requireNonNull(pause, "pause"));
    }

    /** When the client may try again, if the refusal says. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    public static UseCaseException roomNotFound(Object roomId) {
        return new UseCaseException(ErrorCode.ROOM_NOT_FOUND, "room " + roomId + " does not exist");
    }

    /**
     * The refusal of a room's rule, with its contract code. A room HIDDEN from the caller answers
     * exactly as a room that does not exist.
     */
    public static UseCaseException refusedBy(RoomRuleViolation violation, Object roomId) {
        return switch (violation.rule()) {
            case HIDDEN -> roomNotFound(roomId);
            case NOT_A_MEMBER -> notAMember(roomId);
            case NOT_ALLOWED -> new UseCaseException(ErrorCode.NOT_ALLOWED, violation.getMessage());
            case BANNED -> new UseCaseException(ErrorCode.BANNED, violation.getMessage());
            case DIRECT_ROOM -> new UseCaseException(ErrorCode.DIRECT_ROOM, violation.getMessage());
            case MEMBER_NOT_FOUND -> new UseCaseException(ErrorCode.MEMBER_NOT_FOUND, violation.getMessage());
            case ALREADY_MEMBER -> new UseCaseException(ErrorCode.ALREADY_MEMBER, violation.getMessage());
        };
    }

    public static UseCaseException notAMember(Object roomId) {
        return new UseCaseException(ErrorCode.NOT_A_MEMBER, "you are not a member of room " + roomId);
    }
}
