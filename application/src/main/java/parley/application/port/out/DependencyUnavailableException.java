package parley.application.port.out;

import java.util.function.Predicate;
import parley.application.ErrorCode;
import parley.application.UseCaseException;

/**
 * A store, cache or bus the core depends on is unavailable (no connection, a timeout, a transient
 * failure): trying again later may work. Out-adapters translate their libraries' outages into this
 * at their boundary, so the core and every in-adapter see one type, and REST and sockets answer it
 * with the same code, {@link ErrorCode#SERVICE_UNAVAILABLE}. Its message names the dependency,
 * never a host or a statement.
 */
public final class DependencyUnavailableException extends UseCaseException {

    private static final int MAX_CAUSE_DEPTH = 16;

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(ErrorCode.SERVICE_UNAVAILABLE, dependency + " is unavailable; try again shortly", cause);
    }

    /**
     * {@code failure} as an outage of {@code dependency} when it, or one of its causes, is one
     * ({@code isOutage}); otherwise {@code failure} itself. What an adapter's boundary calls.
     */
    public static Throwable translate(Throwable failure, String dependency, Predicate<Throwable> isOutage) {
        if (failure instanceof UseCaseException) {
            return failure;
        }
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++, current = current.getCause()) {
            if (isOutage.test(current)) {
                return new DependencyUnavailableException(dependency, failure);
            }
        }
        return failure;
    }
}
