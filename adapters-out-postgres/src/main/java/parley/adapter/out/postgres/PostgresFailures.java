package parley.adapter.out.postgres;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import parley.application.port.out.DependencyUnavailableException;
import parley.application.port.out.StoreRefusedException;

/**
 * The stores' boundary for failures: what the driver, the pool and Spring's translation throw
 * becomes the core's vocabulary here, so no other module has to know R2DBC's types.
 * <ul>
 *   <li>an outage (no connection, a lost one, a timeout, a transient failure) becomes
 *       {@link DependencyUnavailableException};</li>
 *   <li>for writes, a refusal of the data by its SQLSTATE class, 22 (data exception, e.g. a timestamp
 *       out of range), 23 (integrity constraint violation) and 54 (program limit exceeded, e.g. an
 *       index row too large), becomes {@link StoreRefusedException}: trying again fails the same way;</li>
 *   <li>anything else stays as it is: a bug, answered INTERNAL_ERROR.</li>
 * </ul>
 */
final class PostgresFailures {

    private static final int MAX_CAUSE_DEPTH = 16;

    private PostgresFailures() {
    }

    /** An outage as {@link DependencyUnavailableException}; anything else unchanged. */
    static Throwable translated(Throwable failure) {
        if (failure instanceof StoreRefusedException) {
            return failure;
        }
        return DependencyUnavailableException.translate(failure, "the database", cause -> cause instanceof R2dbcNonTransientResourceException
                || cause instanceof R2dbcTransientException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                || cause instanceof ConnectException
                || cause instanceof TimeoutException);
    }

    /** For writes: a refusal of the data as {@link StoreRefusedException}, then as {@link #translated}. */
    static Throwable translatedWrite(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++, current = current.getCause()) {
            if (current instanceof R2dbcException r2dbc && refusesTheData(r2dbc.getSqlState())) {
                return new StoreRefusedException("SQLSTATE " + r2dbc.getSqlState() + ": " + r2dbc.getMessage(), failure);
            }
        }
        return translated(failure);
    }

    private static boolean refusesTheData(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("54"));
    }
}
