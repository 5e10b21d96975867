package parley.adapter.out.postgres;

import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Conversions between Java values and column values that every store shares. */
final class SqlValues {

    private SqlValues() {
    }

    /**
     * The instant as PostgreSQL keeps it. timestamptz has microsecond precision and rounds what it
     * gets; cutting the nanoseconds before writing makes the value a store returns equal to the
     * value it reads back later.
     */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(storable(instant), ZoneOffset.UTC);
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String string(Readable row, String column) {
        return row.get(column, String.class);
    }

    static long longValue(Readable row, String column) {
        Long value = row.get(column, Long.class);
        if (value == null) {
            throw new IllegalStateException("column " + column + " is null");
        }
        return value.longValue();
    }

    /** Binds {@code value} at {@code index}, or a typed null when it is null. */
    static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, int index, Object value, Class<?> type) {
        return value == null ? spec.bindNull(index, type) : spec.bind(index, value);
    }

    /**
     * The name of the constraint PostgreSQL reports as violated, found anywhere in the cause
     * chain (Spring wraps the driver's exception in its own data-access exceptions).
     */
    static Optional<String> violatedConstraint(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PostgresqlException postgres) {
                return postgres.getErrorDetails().getConstraintName();
            }
        }
        return Optional.empty();
    }
}
