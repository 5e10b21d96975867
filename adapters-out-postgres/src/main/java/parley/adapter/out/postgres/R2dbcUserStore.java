package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.timestamp;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import parley.application.port.out.UserStore;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Users in the {@code users} table. A taken address is found by the unique key itself, never by
 * a look-up first: two registrations racing for one address cannot both pass a check.
 */
@Component
class R2dbcUserStore implements UserStore {

    static final String EMAIL_UNIQUE_CONSTRAINT = "users_email_key";

    private final DatabaseClient db;

    R2dbcUserStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<User> insert(User user) {
        return db.sql("""
                        INSERT INTO users (id, email, display_name, password_hash, created_at)
                        VALUES ($1, $2, $3, $4, $5)
                        RETURNING\s""" + UserRows.COLUMNS)
                .bind(0, user.id().value())
                .bind(1, user.email().value())
                .bind(2, user.displayName().value())
                .bind(3, user.passwordHash())
                .bind(4, timestamp(user.createdAt()))
                .map(UserRows::user)
                .one()
                .onErrorMap(
                        error -> SqlValues.violatedConstraint(error).filter(EMAIL_UNIQUE_CONSTRAINT::equals).isPresent(),
                        error -> new EmailAlreadyTakenException(user.email()))
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<User> findById(UserId id) {
        return db.sql("SELECT " + UserRows.COLUMNS + " FROM users WHERE id = $1")
                .bind(0, id.value())
                .map(UserRows::user)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<User> findByEmail(EmailAddress email) {
        return db.sql("SELECT " + UserRows.COLUMNS + " FROM users WHERE email = $1")
                .bind(0, email.value())
                .map(UserRows::user)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Map<UserId, DisplayName>> displayNames(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        String[] idValues = ids.stream().map(UserId::value).distinct().toArray(String[]::new);
        return db.sql("SELECT id, display_name FROM users WHERE id = ANY($1::text[])")
                .bind(0, idValues)
                .map(row -> Map.entry(new UserId(row.get("id", String.class)), new DisplayName(row.get("display_name", String.class))))
                .all()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue))
                .onErrorMap(PostgresFailures::translated);
    }
}
