package parley.adapter.out.postgres;

import io.r2dbc.spi.R2dbcException;
import parley.application.port.out.StoreRefusedException;

/**
 * Tells a refusal of what was written from an outage, by the SQLSTATE class of PostgreSQL's answer:
 * 22 (data exception, e.g. a timestamp out of range), 23 (integrity constraint violation) and 54
 * (program limit exceeded, e.g. an index row too large) are about the data; anything else
 * (connections, resources, an operator's intervention, deadlocks, timeouts) may pass.
 */
final class StoreRefusals {

    private StoreRefusals() {
    }

    static Throwable translated(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && refusesTheData(r2dbc.getSqlState())) {
                return new StoreRefusedException("SQLSTATE " + r2dbc.getSqlState() + ": " + r2dbc.getMessage(), failure);
            }
        }
        return failure;
    }

    private static boolean refusesTheData(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("54"));
    }
}
