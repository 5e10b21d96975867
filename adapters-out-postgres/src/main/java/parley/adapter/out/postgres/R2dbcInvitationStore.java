package parley.adapter.out.postgres;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import parley.application.port.out.InvitationStore;
import parley.domain.room.RoomId;
import parley.domain.room.RoomInvitation;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pending invitations in {@code room_invitations}, one row per (room, user) by its primary key: two
 * invitations of the same user to the same room at once store one row, and both callers read it back.
 */
@Component
class R2dbcInvitationStore implements InvitationStore {

    private static final String COLUMNS = "room_id, user_id, invited_by, created_at";

    private static final String FIND = "SELECT " + COLUMNS + " FROM room_invitations WHERE room_id = $1 AND user_id = $2";

    private final DatabaseClient db;

    R2dbcInvitationStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts unless one is pending, then reads the row in a statement of its own (which sees a concurrent insert's row). */
    @Override
    public Mono<RoomInvitation> invite(RoomInvitation invitation) {
        return db.sql("INSERT INTO room_invitations (" + COLUMNS + ") VALUES ($1, $2, $3, $4) ON CONFLICT (room_id, user_id) DO NOTHING")
                .bind(0, invitation.roomId().value())
                .bind(1, invitation.userId().value())
                .bind(2, invitation.invitedBy().value())
                .bind(3, SqlValues.timestamp(invitation.createdAt()))
                .fetch()
                .rowsUpdated()
                .then(Mono.defer(() -> find(invitation.roomId(), invitation.userId())))
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<RoomInvitation> find(RoomId roomId, UserId userId) {
        return db.sql(FIND)
                .bind(0, roomId.value())
                .bind(1, userId.value())
                .map(R2dbcInvitationStore::invitation)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Boolean> remove(RoomId roomId, UserId userId) {
        return db.sql("DELETE FROM room_invitations WHERE room_id = $1 AND user_id = $2")
                .bind(0, roomId.value())
                .bind(1, userId.value())
                .fetch()
                .rowsUpdated()
                .map(deleted -> deleted > 0)
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Long> pendingIn(RoomId roomId) {
        return db.sql("SELECT count(*) AS pending FROM room_invitations WHERE room_id = $1")
                .bind(0, roomId.value())
                .map(row -> SqlValues.longValue(row, "pending"))
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    /** Newest first by the {@code (user_id, created_at DESC)} index. */
    @Override
    public Flux<RoomInvitation> pendingFor(UserId userId, int limit) {
        if (limit < 1) {
            return Flux.error(new IllegalArgumentException("limit must be positive, got " + limit));
        }
        return db.sql("SELECT " + COLUMNS + " FROM room_invitations WHERE user_id = $1 ORDER BY created_at DESC, room_id DESC LIMIT $2")
                .bind(0, userId.value())
                .bind(1, limit)
                .map(R2dbcInvitationStore::invitation)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    private static RoomInvitation invitation(Readable row) {
        return new RoomInvitation(RoomId.of(SqlValues.string(row, "room_id")), UserId.of(SqlValues.string(row, "user_id")),
                UserId.of(SqlValues.string(row, "invited_by")), SqlValues.instant(row, "created_at"));
    }
}
