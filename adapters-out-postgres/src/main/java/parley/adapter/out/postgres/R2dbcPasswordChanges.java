package parley.adapter.out.postgres;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import parley.application.port.out.PasswordChanges;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A password change in one transaction over {@code users} and {@code sessions}. The user's row is
 * updated first, so the change holds its lock until it commits; {@link #stillCurrent} reads that row
 * {@code FOR SHARE}, which waits for such a change and then sees its result. A sign-in whose session
 * row committed before that read is therefore either seen by the change's revocation, or sees the
 * new hash itself.
 */
@Component
class R2dbcPasswordChanges implements PasswordChanges {

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    R2dbcPasswordChanges(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    @Override
    public Flux<SessionId> replace(UserId userId, String newHash, SessionId keep, Instant at) {
        Mono<Long> updateHash = db.sql("UPDATE users SET password_hash = $2 WHERE id = $1")
                .bind(0, userId.value())
                .bind(1, newHash)
                .fetch().rowsUpdated();
        return updateHash
                .flatMapMany(updated -> updated == 0 ? Flux.<SessionId>empty() : R2dbcSessionStore.revokeAllOf(db, userId, keep, at))
                .as(transactions::transactional)
                .onErrorMap(PostgresFailures::translatedWrite);
    }

    @Override
    public Mono<Boolean> stillCurrent(UserId userId, String verifiedHash) {
        return db.sql("SELECT password_hash FROM users WHERE id = $1 FOR SHARE")
                .bind(0, userId.value())
                .map(row -> verifiedHash.equals(SqlValues.string(row, "password_hash")))
                .one()
                .defaultIfEmpty(false)
                .onErrorMap(PostgresFailures::translated);
    }
}
