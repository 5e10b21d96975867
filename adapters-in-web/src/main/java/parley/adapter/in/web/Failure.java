package parley.adapter.in.web;

import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.domain.shared.InvalidValueException;

/**
 * What a failure is told to the client as, over REST and on every socket alike: its contract code
 * and a message. Refusals carry their own code; an invalid value is VALIDATION_FAILED; anything
 * else is a bug, INTERNAL_ERROR, whose details (tables, hosts, classes) stay in the log. Outages
 * arrive here already translated by the out-adapters (a {@code DependencyUnavailableException}).
 */
public record Failure(ErrorCode code, String message) {

    public static Failure of(Throwable error) {
        return switch (error) {
            case UseCaseException e -> new Failure(e.code(), e.getMessage());
            case InvalidValueException e -> new Failure(ErrorCode.VALIDATION_FAILED, e.getMessage());
            default -> internal();
        };
    }

    /** The answer to a bug. */
    public static Failure internal() {
        return new Failure(ErrorCode.INTERNAL_ERROR, "an unexpected error occurred");
    }
}
