package parley.adapter.out.postgres;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import parley.testkit.PostgresEndpoint;
import parley.testkit.RealInfrastructure;

/**
 * A database of its own on the shared test PostgreSQL, migrated by Flyway exactly as the boot
 * modules migrate theirs (JDBC), and the R2DBC pieces the stores run on. One per test class, so
 * classes never see each other's rows; dropped on {@link #close()}.
 */
final class PostgresDatabase implements AutoCloseable {

    /** Enough connections for the concurrency tests to really run side by side. */
    static final int POOL_SIZE = 24;

    private final PostgresEndpoint server;
    private final String name;
    private final ConnectionPool pool;
    final DatabaseClient client;
    final TransactionalOperator transactions;

    private PostgresDatabase(PostgresEndpoint server, String name) {
        this.server = server;
        this.name = name;
        PostgresqlConnectionFactory connections = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(server.host())
                .port(server.port())
                .database(name)
                .username(server.username())
                .password(server.password())
                .options(PostgresSessionSettings.OPTIONS) // as the applications' connections
                .build());
        this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(connections)
                .initialSize(2)
                .maxSize(POOL_SIZE)
                .maxAcquireTime(Duration.ofSeconds(30))
                .build());
        this.client = DatabaseClient.create(pool);
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(pool));
    }

    /** Creates a fresh database with a random name and runs the migrations on it. */
    static PostgresDatabase createMigrated() {
        return createMigratedTo(null);
    }

    /** Creates a fresh database migrated up to {@code version} only (null: every migration), to test a later one on old data. */
    static PostgresDatabase createMigratedTo(String version) {
        PostgresEndpoint server = RealInfrastructure.shared().postgres();
        String name = "parley_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute(server, "CREATE DATABASE " + name);
        PostgresDatabase database = new PostgresDatabase(server, name);
        database.migrateTo(version);
        return database;
    }

    /** Runs the migrations up to {@code version} (null: all of them). */
    void migrateTo(String version) {
        var configuration = Flyway.configure()
                .dataSource(jdbcUrl(server, name), server.username(), server.password())
                .locations("classpath:db/migration");
        if (version != null) {
            configuration = configuration.target(version);
        }
        configuration.load().migrate();
    }

    String jdbcUrl() {
        return jdbcUrl(server, name);
    }

    String username() {
        return server.username();
    }

    String password() {
        return server.password();
    }

    @Override
    public void close() {
        pool.dispose();
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String jdbcUrl(PostgresEndpoint server, String database) {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
    }

    private static void execute(PostgresEndpoint server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + server, e);
        }
    }
}
