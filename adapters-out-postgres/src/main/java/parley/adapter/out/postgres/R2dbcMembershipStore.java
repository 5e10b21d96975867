package parley.adapter.out.postgres;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import parley.application.port.out.MembershipStore;
import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Memberships in {@code room_members}. Joining and moving read markers are single statements
 * whose conditions the database checks against the current row, so concurrent requests cannot
 * join twice or move a marker back.
 */
@Component
class R2dbcMembershipStore implements MembershipStore {

    private static final String FIND =
            "SELECT " + MembershipRows.COLUMNS + " FROM room_members WHERE room_id = $1 AND user_id = $2";

    private final DatabaseClient db;

    R2dbcMembershipStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts unless the member is in already, then reads the row: a second join answers with the
     * first one's {@code joinedAt}. The read is a statement of its own, so it also sees a row a
     * concurrent join committed while the insert stood back.
     */
    @Override
    public Mono<Membership> join(Membership membership) {
        return MembershipRows.bindInsert(db.sql(MembershipRows.INSERT + " ON CONFLICT (room_id, user_id) DO NOTHING"), membership)
                .fetch()
                .rowsUpdated()
                .then(Mono.defer(() -> find(membership.roomId(), membership.userId())))
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Boolean> leave(RoomId roomId, UserId userId) {
        return db.sql("DELETE FROM room_members WHERE room_id = $1 AND user_id = $2")
                .bind(0, roomId.value())
                .bind(1, userId.value())
                .fetch()
                .rowsUpdated()
                .map(deleted -> deleted > 0)
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Membership> find(RoomId roomId, UserId userId) {
        return db.sql(FIND)
                .bind(0, roomId.value())
                .bind(1, userId.value())
                .map(MembershipRows::membership)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    /** A range of the primary key (room_id, user_id): a page costs its size, whatever the room's. */
    @Override
    public Flux<Membership> members(RoomId roomId, UserId after, int limit) {
        return db.sql("SELECT " + MembershipRows.COLUMNS
                        + " FROM room_members WHERE room_id = $1 AND user_id > $2 ORDER BY user_id LIMIT $3")
                .bind(0, roomId.value())
                .bind(1, after == null ? "" : after.value())
                .bind(2, (long) limit)
                .map(MembershipRows::membership)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    /**
     * The forward-only rule of {@link parley.domain.room.ReadMarker#later} as one conditional
     * UPDATE, by seq. When a concurrent writer changed the row first, PostgreSQL re-checks the
     * condition against the new row before updating, so an older position never overwrites a newer
     * one. When the marker is already at or past the seq nothing is updated and the row is read as it is.
     */
    @Override
    public Mono<Membership> advanceReadMarker(RoomId roomId, UserId userId, ReadPosition position) {
        return db.sql("""
                        UPDATE room_members SET last_read_message_id = $3, last_read_seq = $4
                         WHERE room_id = $1 AND user_id = $2
                           AND (last_read_seq IS NULL OR last_read_seq < $4)
                        RETURNING\s""" + MembershipRows.COLUMNS)
                .bind(0, roomId.value())
                .bind(1, userId.value())
                .bind(2, position.messageId().value())
                .bind(3, position.seq())
                .map(MembershipRows::membership)
                .one()
                .switchIfEmpty(Mono.defer(() -> find(roomId, userId)))
                .onErrorMap(PostgresFailures::translated);
    }
}
