package parley.adapter.out.postgres;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.Map;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Session settings every connection of the stores needs.
 *
 * <p>{@code plan_cache_mode=force_custom_plan}: r2dbc-postgresql keeps statements prepared per
 * connection, and after five executions PostgreSQL may switch to a generic plan, planned once with
 * the statistics of that moment. On a new database those say "empty table", and the worker's
 * duplicate lookup (ids and client keys against {@code messages}) then read the table
 * sequentially for every batch until the next ANALYZE: 71.6 million rows read to store 60,000
 * messages in batches of 50, against 1.9 million with custom plans (and four times the time);
 * in the benchmark PostgreSQL was the bottleneck until autovacuum came. Planning a statement with
 * its parameters costs little next to that.
 */
@Component
class PostgresSessionSettings implements ConnectionFactoryOptionsBuilderCustomizer {

    /** PostgreSQL run-time parameters set on every connection (the driver's {@code options}). */
    static final Map<String, String> OPTIONS = Map.of("plan_cache_mode", "force_custom_plan");

    @Override
    public void customize(ConnectionFactoryOptions.Builder options) {
        options.option(PostgresqlConnectionFactoryProvider.OPTIONS, OPTIONS);
    }
}
