package parley.adapter.out.postgres;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code db} health component of the contract: UP when PostgreSQL answers a query within two
 * seconds, so health answers quickly (DOWN) instead of hanging while the database is away.
 */
@Component("dbHealthIndicator")
class PostgresHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DatabaseClient db;

    PostgresHealthIndicator(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Health> health() {
        return db.sql("SELECT current_setting('server_version') AS version")
                .map(row -> row.get("version", String.class))
                .one()
                .map(version -> Health.up().withDetail("database", "PostgreSQL " + version).build())
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }
}
