package parley.adapter.out.postgres;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import parley.application.port.out.MembershipStore;
import java.util.List;
import parley.domain.room.BanReason;
import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.RoomBan;
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

    private static final String SET_ROLE = "UPDATE room_members SET role = $3 WHERE room_id = $1 AND user_id = $2";

    /** The most senior member of each role: joined first, ties by user id (as the domain's rule). */
    private static final String SENIORS = """
            (SELECT %1$s FROM room_members WHERE room_id = $1 AND role = 'ADMIN' AND user_id <> $2
              ORDER BY joined_at, user_id LIMIT 1)
            UNION ALL
            (SELECT %1$s FROM room_members WHERE room_id = $1 AND role = 'MEMBER' AND user_id <> $2
              ORDER BY joined_at, user_id LIMIT 1)""".formatted(MembershipRows.COLUMNS);

    private static final String BAN_COLUMNS = "room_id, user_id, banned_by, reason, created_at";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    R2dbcMembershipStore(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
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
        return deleteRowOf("room_members", roomId, userId).map(deleted -> deleted > 0).onErrorMap(PostgresFailures::translated);
    }

    /** Deletes the user's row of the room in one of the per-(room, user) tables; how many rows went. */
    private Mono<Long> deleteRowOf(String table, RoomId roomId, UserId userId) {
        return db.sql("DELETE FROM " + table + " WHERE room_id = $1 AND user_id = $2")
                .bind(0, roomId.value())
                .bind(1, userId.value())
                .fetch()
                .rowsUpdated();
    }

    @Override
    public Mono<Boolean> leaveHandingOver(RoomId roomId, UserId userId, Membership successor) {
        Mono<Boolean> left = leave(roomId, userId);
        if (successor == null) {
            return left;
        }
        if (!successor.roomId().equals(roomId)) {
            return Mono.error(new IllegalArgumentException("the successor is a member of room " + successor.roomId() + ", not " + roomId));
        }
        return left.flatMap(removed -> setRole(successor).thenReturn(removed))
                .as(transactions::transactional)
                .onErrorMap(PostgresFailures::translated);
    }

    /** A membership was gone: rolls the role change back. */
    private static final class MembershipGone extends RuntimeException {
        MembershipGone() {
            super(null, null, false, false);
        }
    }

    @Override
    public Mono<Boolean> updateRoles(List<Membership> changed) {
        return Flux.fromIterable(changed)
                .concatMap(this::setRole)
                .reduce(0L, Long::sum)
                .flatMap(updated -> updated == changed.size() ? Mono.just(true) : Mono.<Boolean>error(new MembershipGone()))
                .as(transactions::transactional)
                .onErrorResume(MembershipGone.class, gone -> Mono.just(false))
                .onErrorMap(PostgresFailures::translated);
    }

    private Mono<Long> setRole(Membership membership) {
        return db.sql(SET_ROLE)
                .bind(0, membership.roomId().value())
                .bind(1, membership.userId().value())
                .bind(2, membership.role().name())
                .fetch()
                .rowsUpdated();
    }

    @Override
    public Flux<Membership> seniors(RoomId roomId, UserId excluding) {
        return db.sql(SENIORS)
                .bind(0, roomId.value())
                .bind(1, excluding.value())
                .map(MembershipRows::membership)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    /**
     * Two statements, each committed on its own, in this order: the ban, then the removal. A join
     * inserts its row and then reads the ban (see {@link MembershipStore#ban}); whichever way the two
     * interleave, either the join sees the ban or the removal sees the joined row.
     */
    @Override
    public Mono<Void> ban(RoomBan ban) {
        Mono<Long> insert = db.sql("INSERT INTO room_bans (" + BAN_COLUMNS + ") VALUES ($1, $2, $3, $4, $5) ON CONFLICT (room_id, user_id) DO NOTHING")
                .bind(0, ban.roomId().value())
                .bind(1, ban.userId().value())
                .bind(2, ban.bannedBy().value())
                .bind(3, ban.reason().value())
                .bind(4, SqlValues.timestamp(ban.createdAt()))
                .fetch()
                .rowsUpdated();
        return insert.then(deleteRowOf("room_members", ban.roomId(), ban.userId()))
                .then(deleteRowOf("room_invitations", ban.roomId(), ban.userId()))
                .then()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Boolean> unban(RoomId roomId, UserId userId) {
        return deleteRowOf("room_bans", roomId, userId)
                .map(deleted -> deleted > 0)
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Boolean> isBanned(RoomId roomId, UserId userId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM room_bans WHERE room_id = $1 AND user_id = $2) AS banned")
                .bind(0, roomId.value())
                .bind(1, userId.value())
                .map(row -> row.get("banned", Boolean.class))
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Flux<RoomBan> bans(RoomId roomId, UserId after, int limit) {
        return db.sql("SELECT " + BAN_COLUMNS + " FROM room_bans WHERE room_id = $1 AND user_id > $2 ORDER BY user_id LIMIT $3")
                .bind(0, roomId.value())
                .bind(1, after == null ? "" : after.value())
                .bind(2, (long) limit)
                .map(row -> new RoomBan(new RoomId(SqlValues.string(row, "room_id")), new UserId(SqlValues.string(row, "user_id")),
                        new UserId(SqlValues.string(row, "banned_by")), BanReason.of(SqlValues.string(row, "reason")),
                        SqlValues.instant(row, "created_at")))
                .all()
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
