package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.storable;
import static parley.adapter.out.postgres.SqlValues.timestamp;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import parley.application.port.out.MessageStore;
import parley.application.model.BatchNumbering;
import parley.application.model.StoredBatch;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Messages in the {@code messages} table.
 *
 * <p>{@link #storeBatch} runs in one transaction and issues at most three statements, whatever
 * the size of the batch: lock the batch's rooms (and find its senders), find the rows the batch
 * repeats, insert the new rows and move the rooms' last message. r2dbc's {@code Statement.add()}
 * would run one insert per row, so the new rows travel as one array per column and are inserted
 * with a single {@code INSERT … SELECT FROM unnest(…)}.
 */
@Component
class R2dbcMessageStore implements MessageStore {

    /**
     * Locks the batch's rooms for the rest of the transaction, in id order so that two batches
     * sharing rooms cannot deadlock. A batch that waits here reads the committed {@code last_seq}
     * once it has the lock, so seqs never collide. {@code FOR NO KEY UPDATE} serialises batches
     * just like {@code FOR UPDATE} but does not block the foreign-key checks of people joining the
     * room meanwhile. The senders ride along: one round trip instead of two.
     */
    private static final String LOCK_ROOMS_FIND_SENDERS = StoreBatchSql.LOCK_ROOMS_FIND_SENDERS;

    /**
     * Runs after the lock, as a statement of its own: under READ COMMITTED it then sees every
     * message committed by a batch that held the lock before. Each id and each client key is probed
     * on its own ({@code LATERAL … LIMIT 1}, which the planner cannot turn into a join): a plain
     * join of a 500-key batch against {@code messages} was planned as a (parallel) sequential scan
     * of the whole table whenever the table was small enough for that to look cheaper, which made
     * a backlog drain on a fresh database slower with every batch.
     */
    private static final String FIND_STORED = StoreBatchSql.FIND_STORED;

    /**
     * Inserts the new rows and moves each room's last message to its newest one (never backwards),
     * in one round trip: both parts of a data-modifying WITH run to completion. Answers how many
     * rows were inserted.
     */
    private static final String INSERT_NEW_ADVANCE_ROOMS = StoreBatchSql.INSERT_NEW_ADVANCE_ROOMS;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    R2dbcMessageStore(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    @Override
    public Mono<StoredBatch> storeBatch(List<MessageAccepted> batch) {
        if (batch.isEmpty()) {
            return Mono.just(new StoredBatch(List.of(), List.of()));
        }
        // as the database will keep them, so that what this returns equals what is read back later
        List<MessageAccepted> messages = batch.stream().map(R2dbcMessageStore::withStorableTime).toList();
        return Mono.defer(() -> store(messages)).as(transactions::transactional)
                .onErrorMap(PostgresFailures::translatedWrite); // a value PostgreSQL cannot hold is no outage
    }

    private Mono<StoredBatch> store(List<MessageAccepted> messages) {
        return lockRoomsAndFindSenders(messages).flatMap(found -> {
            BatchNumbering.Screening screening = BatchNumbering.screen(messages, found.lastSeqs().keySet(), found.senders());
            return findStored(screening.storable())
                    .map(stored -> BatchNumbering.of(screening, found.lastSeqs(), stored));
        }).flatMap(plan -> insertNewAndAdvanceRooms(plan.fresh(), plan.newestPerRoom())
                .thenReturn(plan.result()));
    }

    private record LockedRooms(Map<RoomId, Long> lastSeqs, Set<UserId> senders) {
    }

    private Mono<LockedRooms> lockRoomsAndFindSenders(List<MessageAccepted> messages) {
        String[] roomIds = messages.stream().map(m -> m.roomId().value()).distinct().toArray(String[]::new);
        String[] senderIds = messages.stream().map(m -> m.senderId().value()).distinct().toArray(String[]::new);
        return db.sql(LOCK_ROOMS_FIND_SENDERS)
                .bind(0, roomIds)
                .bind(1, senderIds)
                .map(row -> new Object[] {row.get("kind", String.class), row.get("id", String.class), row.get("last_seq", Long.class)})
                .all()
                .collectList()
                .map(rows -> {
                    Map<RoomId, Long> lastSeqs = new HashMap<>();
                    Set<UserId> senders = new HashSet<>();
                    for (Object[] row : rows) {
                        if ("ROOM".equals(row[0])) {
                            lastSeqs.put(new RoomId((String) row[1]), (Long) row[2]);
                        } else {
                            senders.add(new UserId((String) row[1]));
                        }
                    }
                    return new LockedRooms(lastSeqs, senders);
                });
    }

    private Mono<List<Message>> findStored(List<MessageAccepted> storable) {
        if (storable.isEmpty()) {
            return Mono.just(List.of());
        }
        int size = storable.size();
        String[] ids = new String[size];
        String[] roomIds = new String[size];
        String[] senderIds = new String[size];
        UUID[] clientMsgIds = new UUID[size];
        for (int i = 0; i < size; i++) {
            MessageAccepted message = storable.get(i);
            ids[i] = message.messageId().value();
            roomIds[i] = message.roomId().value();
            senderIds[i] = message.senderId().value();
            clientMsgIds[i] = message.clientMsgId().value();
        }
        return db.sql(FIND_STORED)
                .bind(0, ids)
                .bind(1, roomIds)
                .bind(2, senderIds)
                .bind(3, clientMsgIds)
                .map(MessageRows::message)
                .all()
                .collectList();
    }

    /**
     * Inserts the numbered messages and advances their rooms. The room lock makes a conflict
     * impossible unless something writes messages without it; should a row be skipped all the
     * same, the transaction fails rather than commit a gap in the room's seqs (the batch is
     * redelivered and tried again).
     */
    private Mono<Void> insertNewAndAdvanceRooms(List<Message> fresh, Collection<Message> newestPerRoom) {
        if (fresh.isEmpty()) {
            return Mono.empty(); // nothing new, so no room moves either
        }
        int size = fresh.size();
        String[] ids = new String[size];
        String[] roomIds = new String[size];
        String[] senderIds = new String[size];
        UUID[] clientMsgIds = new UUID[size];
        String[] types = new String[size];
        String[] contents = new String[size];
        OffsetDateTime[] createdAts = new OffsetDateTime[size];
        Long[] seqs = new Long[size];
        for (int i = 0; i < size; i++) {
            Message message = fresh.get(i);
            ids[i] = message.id().value();
            roomIds[i] = message.roomId().value();
            senderIds[i] = message.senderId().value();
            clientMsgIds[i] = message.clientMsgId().value();
            types[i] = message.content().type().name();
            contents[i] = message.content().value();
            createdAts[i] = timestamp(message.createdAt());
            seqs[i] = message.seq();
        }
        int rooms = newestPerRoom.size();
        String[] advancedRoomIds = new String[rooms];
        Long[] lastSeqs = new Long[rooms];
        String[] lastMessageIds = new String[rooms];
        OffsetDateTime[] lastMessageAts = new OffsetDateTime[rooms];
        int r = 0;
        for (Message newest : newestPerRoom) {
            advancedRoomIds[r] = newest.roomId().value();
            lastSeqs[r] = newest.seq();
            lastMessageIds[r] = newest.id().value();
            lastMessageAts[r] = timestamp(newest.createdAt());
            r++;
        }
        return db.sql(INSERT_NEW_ADVANCE_ROOMS)
                .bind(0, ids)
                .bind(1, roomIds)
                .bind(2, senderIds)
                .bind(3, clientMsgIds)
                .bind(4, types)
                .bind(5, contents)
                .bind(6, createdAts)
                .bind(7, seqs)
                .bind(8, advancedRoomIds)
                .bind(9, lastSeqs)
                .bind(10, lastMessageIds)
                .bind(11, lastMessageAts)
                .map(row -> row.get("inserted", Long.class))
                .one()
                .flatMap(inserted -> inserted == size
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("inserted " + inserted + " of " + size
                                + " numbered messages (a conflicting row appeared); rolled back so that no seq gap is committed")));
    }

    @Override
    public Flux<Message> latest(RoomId roomId, int limit) {
        return db.sql("SELECT * FROM (SELECT " + MessageRows.COLUMNS
                        + " FROM messages m WHERE m.room_id = $1 ORDER BY m.seq DESC LIMIT $2) m ORDER BY m.seq")
                .bind(0, roomId.value())
                .bind(1, (long) limit)
                .map(MessageRows::message)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Flux<Message> beforeSeq(RoomId roomId, long beforeSeq, int limit) {
        return db.sql("SELECT * FROM (SELECT " + MessageRows.COLUMNS
                        + " FROM messages m WHERE m.room_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3) m ORDER BY m.seq")
                .bind(0, roomId.value())
                .bind(1, beforeSeq)
                .bind(2, (long) limit)
                .map(MessageRows::message)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Flux<Message> afterSeq(RoomId roomId, long afterSeq, int limit) {
        if (limit < 1) {
            return Flux.error(new IllegalArgumentException("limit must be positive, got " + limit));
        }
        return db.sql("SELECT " + MessageRows.COLUMNS + " FROM messages m WHERE m.room_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3")
                .bind(0, roomId.value())
                .bind(1, afterSeq)
                .bind(2, (long) limit)
                .map(MessageRows::message)
                .all()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Message> findById(RoomId roomId, MessageId messageId) {
        return db.sql("SELECT " + MessageRows.COLUMNS + " FROM messages m WHERE m.room_id = $1 AND m.id = $2")
                .bind(0, roomId.value())
                .bind(1, messageId.value())
                .map(MessageRows::message)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    @Override
    public Mono<Message> findByClientMsgId(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
        return db.sql("""
                        SELECT %s FROM messages m
                         WHERE m.room_id = $1 AND m.sender_id = $2 AND m.client_msg_id = $3""".formatted(MessageRows.COLUMNS))
                .bind(0, roomId.value())
                .bind(1, senderId.value())
                .bind(2, clientMsgId.value())
                .map(MessageRows::message)
                .one()
                .onErrorMap(PostgresFailures::translated);
    }

    private static MessageAccepted withStorableTime(MessageAccepted message) {
        return new MessageAccepted(message.messageId(), message.roomId(), message.senderId(), message.clientMsgId(),
                message.content(), storable(message.acceptedAt()));
    }
}
