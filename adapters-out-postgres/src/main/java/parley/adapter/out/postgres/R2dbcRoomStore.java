package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.bindNullable;
import static parley.adapter.out.postgres.SqlValues.timestamp;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import parley.application.port.out.RoomStore;
import parley.application.model.RoomSummary;
import parley.domain.room.DirectPair;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.room.RoomKind;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rooms in the {@code rooms} table, with the figures the room list shows computed from
 * {@code room_members} and {@code messages}.
 *
 * <p>{@code memberCount} counts the room's members. {@code unreadCount} counts the room's
 * messages with an id after the viewer's read marker (all of them when the viewer has read
 * nothing) <em>that the viewer did not send</em>: your own message is read by definition, so
 * sending into a room never makes it look unread to yourself, even before your client moves the
 * marker. A viewer who is not a member has nothing unread (0).
 *
 * <p>"Newest activity first" orders by the last message's time, or the creation time for a room
 * without messages, and then by id (both descending) so that ties have a stable order.
 */
@Component
class R2dbcRoomStore implements RoomStore {

    private static final String MEMBER_COUNT =
            "(SELECT count(*) FROM room_members c WHERE c.room_id = r.id)";

    /**
     * Needs the viewer's membership row as {@code me} and the viewer's id as {@code $1}. Counts at
     * most {@link #UNREAD_CAP}: a room list's cost is then bounded per room however far behind the
     * viewer is, and the count reads the (room_id, seq) index alone, which carries sender_id (V4).
     */
    private static final String UNREAD_COUNT = """
            (SELECT count(*) FROM (SELECT 1 FROM messages m
              WHERE m.room_id = r.id
                AND m.seq > coalesce(me.last_read_seq, 0)
                AND m.sender_id <> $1
              LIMIT %d) unread)""".formatted(RoomStore.UNREAD_CAP);

    private static final String NEWEST_ACTIVITY_FIRST =
            "ORDER BY coalesce(r.last_message_at, r.created_at) DESC, r.id DESC";

    /** A direct room's other user, seen from the viewer {@code $1} (no row for a group room, or a viewer outside the pair). */
    private static final String PEER = """
            LEFT JOIN users peer ON r.direct_first IS NOT NULL AND $1 IN (r.direct_first, r.direct_second)
                 AND peer.id = CASE WHEN r.direct_first = $1 THEN r.direct_second ELSE r.direct_first END""";

    private static final String ROOMS_OF = """
            SELECT %s, %s AS member_count, %s AS unread_count, me.role AS my_role, peer.id AS peer_id, peer.display_name AS peer_name
              FROM room_members me
              JOIN rooms r ON r.id = me.room_id
              %s
             WHERE me.user_id = $1
             %s""".formatted(RoomRows.COLUMNS, MEMBER_COUNT, UNREAD_COUNT, PEER, NEWEST_ACTIVITY_FIRST);

    private static final String SUMMARY = """
            SELECT %s, %s AS member_count,
                   CASE WHEN me.user_id IS NULL THEN 0 ELSE %s END AS unread_count, me.role AS my_role,
                   peer.id AS peer_id, peer.display_name AS peer_name
              FROM rooms r
              LEFT JOIN room_members me ON me.room_id = r.id AND me.user_id = $1
              %s
             WHERE r.id = $2""".formatted(RoomRows.COLUMNS, MEMBER_COUNT, UNREAD_COUNT, PEER);

    /** Public rooms only; not a member, so nothing is unread and no role. LIKE patterns escape with a backslash. */
    private static final String DISCOVER = """
            SELECT %s, %s AS member_count, 0::bigint AS unread_count, NULL::varchar AS my_role,
                   NULL::varchar AS peer_id, NULL::varchar AS peer_name
              FROM rooms r
             WHERE r.visibility = 'PUBLIC'
               AND NOT EXISTS (SELECT 1 FROM room_members me WHERE me.room_id = r.id AND me.user_id = $1)
               AND r.name ILIKE $2 ESCAPE '\\'
             %s
             LIMIT $3""".formatted(RoomRows.COLUMNS, MEMBER_COUNT, NEWEST_ACTIVITY_FIRST);

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    R2dbcRoomStore(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    @Override
    public Mono<Room> insert(Room room, Membership owner) {
        if (!owner.roomId().equals(room.id())) {
            return Mono.error(new IllegalArgumentException(
                    "the owner's membership is for room " + owner.roomId() + ", not " + room.id()));
        }
        return insertRoom(room, "").flatMap(stored -> insertMember(owner).thenReturn(stored))
                .as(transactions::transactional)
                .onErrorMap(PostgresFailures::translated);
    }

    /** ON CONFLICT on the pair's unique key: the second of two concurrent creations waits for the first, then stores nothing. */
    @Override
    public Mono<Room> insertDirect(Room room, Membership first, Membership second) {
        if (room.direct() == null || !first.roomId().equals(room.id()) || !second.roomId().equals(room.id())) {
            return Mono.error(new IllegalArgumentException("a direct room with the memberships of its two users"));
        }
        return insertRoom(room, " ON CONFLICT ON CONSTRAINT rooms_direct_pair_key DO NOTHING")
                .flatMap(stored -> insertMember(first).then(insertMember(second)).thenReturn(stored))
                .as(transactions::transactional)
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Room> findDirect(DirectPair pair) {
        return db.sql("SELECT " + RoomRows.COLUMNS + " FROM rooms r WHERE r.direct_first = $1 AND r.direct_second = $2")
                .bind(0, pair.first().value())
                .bind(1, pair.second().value())
                .map(RoomRows::room)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    private Mono<Room> insertRoom(Room room, String onConflict) {
        DirectPair direct = room.direct();
        GenericExecuteSpec insert = db.sql("""
                        INSERT INTO rooms AS r (id, name, description, created_by, created_at, visibility, direct_first, direct_second)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""" + onConflict + """

                        RETURNING\s""" + RoomRows.COLUMNS)
                .bind(0, room.id().value())
                .bind(1, room.name().value())
                .bind(2, room.description().value())
                .bind(3, room.createdBy().value())
                .bind(4, timestamp(room.createdAt()))
                .bind(5, room.visibility().name());
        insert = bindNullable(insert, 6, direct == null ? null : direct.first().value(), String.class);
        insert = bindNullable(insert, 7, direct == null ? null : direct.second().value(), String.class);
        return insert.map(RoomRows::room).one();
    }

    private Mono<Long> insertMember(Membership membership) {
        return MembershipRows.bindInsert(db.sql(MembershipRows.INSERT), membership).fetch().rowsUpdated();
    }

    @Override
    public Mono<Room> findById(RoomId id) {
        return db.sql("SELECT " + RoomRows.COLUMNS + " FROM rooms r WHERE r.id = $1")
                .bind(0, id.value())
                .map(RoomRows::room)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Room> update(RoomId id, RoomChanges changes) {
        GenericExecuteSpec update = db.sql("""
                        UPDATE rooms AS r
                           SET name = coalesce($2, r.name),
                               description = coalesce($3, r.description),
                               visibility = coalesce($4, r.visibility)
                         WHERE r.id = $1 AND r.direct_first IS NULL
                        RETURNING\s""" + RoomRows.COLUMNS)
                .bind(0, id.value());
        update = bindNullable(update, 1, changes.name() == null ? null : changes.name().value(), String.class);
        update = bindNullable(update, 2, changes.description() == null ? null : changes.description().value(), String.class);
        update = bindNullable(update, 3, changes.visibility() == null ? null : changes.visibility().name(), String.class);
        return update.map(RoomRows::room).one().onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Flux<RoomSummary> findRoomsOf(UserId userId) {
        return db.sql(ROOMS_OF)
                .bind(0, userId.value())
                .map(RoomRows::summary)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Creations> createdSince(UserId userId, RoomKind kind, Instant since) {
        return db.sql("""
                        SELECT count(*) AS created, min(created_at) AS first FROM rooms
                         WHERE created_by = $1 AND created_at > $2 AND (direct_first IS NULL) = $3""")
                .bind(0, userId.value())
                .bind(1, timestamp(since))
                .bind(2, kind == RoomKind.GROUP)
                .map(row -> {
                    OffsetDateTime first = row.get("first", OffsetDateTime.class);
                    return new Creations(row.get("created", Long.class), first == null ? null : first.toInstant());
                })
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    /** One index range (room_members_user_id_idx), nothing joined or counted: what a presence change needs. */
    @Override
    public Flux<RoomId> findRoomIdsOf(UserId userId) {
        return db.sql("SELECT room_id FROM room_members WHERE user_id = $1")
                .bind(0, userId.value())
                .map(row -> new RoomId(row.get("room_id", String.class)))
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<RoomSummary> summary(RoomId roomId, UserId userId) {
        return db.sql(SUMMARY)
                .bind(0, userId.value())
                .bind(1, roomId.value())
                .map(RoomRows::summary)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Flux<RoomSummary> discover(UserId userId, String query, int limit) {
        if (limit < 1) {
            return Flux.error(new IllegalArgumentException("limit must be positive, got " + limit));
        }
        return db.sql(DISCOVER)
                .bind(0, userId.value())
                .bind(1, containsPattern(query))
                .bind(2, (long) limit)
                .map(RoomRows::summary)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    /** A LIKE pattern matching names that contain {@code query} literally ({@code %}, {@code _} and {@code \} included). */
    static String containsPattern(String query) {
        String fragment = query == null ? "" : query.strip();
        StringBuilder pattern = new StringBuilder(fragment.length() + 2).append('%');
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
