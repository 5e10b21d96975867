package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.timestamp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import parley.application.model.RevokedSession;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import parley.application.port.out.SessionStore;
import parley.domain.session.SecretHash;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sessions in the {@code sessions} table. A rotation is one conditional UPDATE on the current
 * secret: of two refreshes racing with one token, the database lets exactly one through.
 */
@Component
class R2dbcSessionStore implements SessionStore {

    private final DatabaseClient db;

    R2dbcSessionStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Session> insert(Session session) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO sessions (id, user_id, created_at, last_used_at, user_agent, refresh_expires_at, current_secret,
                                              superseded_secrets, revoked_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        RETURNING\s""" + SessionRows.COLUMNS)
                .bind(0, session.id().value())
                .bind(1, session.userId().value())
                .bind(2, timestamp(session.createdAt()))
                .bind(3, timestamp(session.lastUsedAt()))
                .bind(4, session.userAgent().value())
                .bind(5, timestamp(session.refreshExpiresAt()))
                .bind(6, SessionRows.buffer(session.currentSecret()))
                .bind(7, SessionRows.buffers(session.supersededSecrets()));
        return SqlValues.bindNullable(spec, 8, session.revokedAt() == null ? null : timestamp(session.revokedAt()), OffsetDateTime.class)
                .map(SessionRows::session)
                .one()
                .onErrorMap(PostgresFailures::translatedWrite);
    }

    @Override
    public Mono<Session> findById(SessionId id) {
        return db.sql("SELECT " + SessionRows.COLUMNS + " FROM sessions WHERE id = $1")
                .bind(0, id.value())
                .map(SessionRows::session)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Boolean> replaceRotated(Session rotated, SecretHash expectedCurrent) {
        return db.sql("""
                        UPDATE sessions SET last_used_at = $2, refresh_expires_at = $3, current_secret = $4, superseded_secrets = $5
                        WHERE id = $1 AND current_secret = $6 AND revoked_at IS NULL""")
                .bind(0, rotated.id().value())
                .bind(1, timestamp(rotated.lastUsedAt()))
                .bind(2, timestamp(rotated.refreshExpiresAt()))
                .bind(3, SessionRows.buffer(rotated.currentSecret()))
                .bind(4, SessionRows.buffers(rotated.supersededSecrets()))
                .bind(5, SessionRows.buffer(expectedCurrent))
                .fetch().rowsUpdated()
                .map(rows -> rows == 1)
                .onErrorMap(PostgresFailures::translatedWrite);
    }

    @Override
    public Mono<Boolean> revoke(SessionId id, Instant at) {
        return db.sql("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .bind(0, id.value())
                .bind(1, timestamp(at))
                .fetch().rowsUpdated()
                .map(rows -> rows == 1)
                .onErrorMap(PostgresFailures::translatedWrite);
    }

    @Override
    public Flux<SessionId> revokeAllOf(UserId userId, SessionId except, Instant at) {
        return revokeAllOf(db, userId, except, at).onErrorMap(PostgresFailures::translatedWrite);
    }

    /** The statement of {@link #revokeAllOf}, for a caller that runs it inside its own transaction. */
    static Flux<SessionId> revokeAllOf(DatabaseClient db, UserId userId, SessionId except, Instant at) {
        return db.sql("""
                        UPDATE sessions SET revoked_at = $2
                        WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3
                        RETURNING id""")
                .bind(0, userId.value())
                .bind(1, timestamp(at))
                .bind(2, except == null ? "" : except.value())
                .map(row -> new SessionId(SqlValues.string(row, "id")))
                .all();
    }

    @Override
    public Flux<RevokedSession> revokedSince(Instant since) {
        return db.sql("SELECT id, user_id, revoked_at FROM sessions WHERE revoked_at IS NOT NULL AND revoked_at > $1")
                .bind(0, timestamp(since))
                .map(row -> new RevokedSession(new SessionId(SqlValues.string(row, "id")), new UserId(SqlValues.string(row, "user_id")),
                        SqlValues.instant(row, "revoked_at")))
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Flux<SessionId> revokedAmong(Set<SessionId> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT id FROM sessions WHERE id = ANY($1) AND revoked_at IS NOT NULL")
                .bind(0, ids.stream().map(SessionId::value).toArray(String[]::new))
                .map(row -> new SessionId(SqlValues.string(row, "id")))
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Integer> deleteEndedBefore(Instant cutoff, int limit) {
        // SKIP LOCKED: two gateways purging at once take different rows, and a row being rotated or
        // revoked right now is left for the next purge
        return db.sql("""
                        DELETE FROM sessions
                        WHERE id IN (SELECT id FROM sessions
                                     WHERE refresh_expires_at < $1 OR revoked_at < $1
                                     LIMIT $2
                                     FOR UPDATE SKIP LOCKED)""")
                .bind(0, timestamp(cutoff))
                .bind(1, limit)
                .fetch().rowsUpdated()
                .map(Long::intValue)
                .onErrorMap(PostgresFailures::translatedWrite);
    }

    @Override
    public Flux<Session> activeOf(UserId userId, Instant now) {
        return db.sql("SELECT " + SessionRows.COLUMNS + """
                         FROM sessions
                        WHERE user_id = $1 AND revoked_at IS NULL AND refresh_expires_at > $2
                        ORDER BY last_used_at DESC, id""")
                .bind(0, userId.value())
                .bind(1, timestamp(now))
                .map(SessionRows::session)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }
}
