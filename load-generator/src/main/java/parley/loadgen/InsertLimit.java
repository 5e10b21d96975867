package parley.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PostgreSQL's limit for the worker's write, measured alone on this machine: batches of 500 rows
 * through the worker's statement ({@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING
 * RETURNING id}), one transaction each, one connection, as the worker's single consumer does; then
 * the worker's whole transaction per batch (lock the rooms, look for stored duplicates, then insert
 * and move the rooms' last message in one statement), the database's share of each worker batch. JDBC instead of R2DBC,
 * and the uuid and timestamptz arrays travel as text[] cast in SQL: the same statement otherwise.
 */
final class InsertLimit {

    private static final String INSERT_NEW = """
            INSERT INTO messages (id, room_id, sender_id, client_msg_id, type, content, created_at, seq)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[],
                                 ?::timestamptz[], ?::bigint[])
            ON CONFLICT DO NOTHING
            RETURNING id""";

    private static final String LOCK_ROOMS_FIND_SENDERS = WorkerSql.read("lock-rooms-find-senders.sql");

    /** The worker's own statements (adapters-out-postgres), read from its jar: what is measured is what the worker runs. */
    private static final String FIND_STORED = WorkerSql.read("find-stored.sql");

    private static final String INSERT_NEW_ADVANCE_ROOMS = WorkerSql.read("insert-new-advance-rooms.sql");

    private InsertLimit() {
    }

    static Result run(Options o) throws Exception {
        String jdbc = o.required("jdbc-url");
        String user = o.string("jdbc-user", "parley");
        String password = o.string("jdbc-password", "parley");
        int batches = o.integer("batches", 200);
        int batchSize = o.integer("batch-size", 500);
        int roomCount = o.integer("rooms", 100);
        int contentLength = o.integer("content-length", 100);
        Path out = Path.of(o.string("out", "target/bench"));
        java.util.List<String> pidSpecs = o.list("pids", "");
        o.checkAllRead();
        Files.createDirectories(out);
        ProcStats.Snapshot cpuFrom = ProcStats.snapshot(ProcStats.parseRoots(pidSpecs));

        try (Db db = new Db(jdbc, user, password)) {
            Connection c = db.connection();
            String sender = Ulids.next();
            List<String> rooms = new ArrayList<>();
            try (PreparedStatement u = c.prepareStatement(
                    "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES (?, ?, 'insert-limit', 'x', now())")) {
                u.setString(1, sender);
                u.setString(2, "insert-limit-" + sender.toLowerCase() + "@bench.parley.test");
                u.executeUpdate();
            }
            try (PreparedStatement r = c.prepareStatement("INSERT INTO rooms (id, name, created_by, created_at) VALUES (?, ?, ?, now())")) {
                for (int i = 0; i < roomCount; i++) {
                    String id = Ulids.next();
                    rooms.add(id);
                    r.setString(1, id);
                    r.setString(2, "insert-limit " + i);
                    r.setString(3, sender);
                    r.addBatch();
                }
                r.executeBatch();
            }
            String content = "x".repeat(contentLength);
            long[] seqs = new long[roomCount];

            Result result = new Result("insert-limit", "PostgreSQL alone: the worker's INSERT, batches of " + batchSize);
            result.config.put("batches", batches + " × " + batchSize + " rows, " + roomCount + " rooms, content " + contentLength
                    + " characters, one connection, one transaction per batch");
            try (LatencyLog insertLog = new LatencyLog(out.resolve("insert-limit.hlog"), "INSERT of " + batchSize + " rows");
                 LatencyLog txLog = new LatencyLog(out.resolve("insert-limit-tx.hlog"), "worker transaction of " + batchSize + " rows")) {
                // warm-up: plans cached, pages in memory
                for (int b = 0; b < 5; b++) {
                    insert(c, Batch.of(batchSize, rooms, sender, content, seqs));
                }
                double insertSeconds = timed(batches, () -> {
                    long t0 = System.nanoTime();
                    insert(c, Batch.of(batchSize, rooms, sender, content, seqs));
                    insertLog.record((System.nanoTime() - t0) / 1000);
                });
                insertLog.tick();
                c.setAutoCommit(false);
                double txSeconds = timed(batches, () -> {
                    long t0 = System.nanoTime();
                    workerTransaction(c, Batch.of(batchSize, rooms, sender, content, seqs), rooms);
                    txLog.record((System.nanoTime() - t0) / 1000);
                });
                c.setAutoCommit(true);
                txLog.tick();
                insertLog.writePercentiles(out.resolve("insert-limit.hgrm"));
                txLog.writePercentiles(out.resolve("insert-limit-tx.hgrm"));
                double insertRate = (double) batches * batchSize / insertSeconds;
                double txRate = (double) batches * batchSize / txSeconds;
                result.number("insertRate", insertRate).number("txRate", txRate)
                        .number("insertP50", insertLog.millis(50)).number("insertP99", insertLog.millis(99))
                        .number("txP50", txLog.millis(50)).number("txP99", txLog.millis(99));
                result.row("INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING (autocommit)", Result.f0(insertRate)
                        + " rows/s; per batch p50 " + Result.ms(insertLog.millis(50)) + ", p99 " + Result.ms(insertLog.millis(99)));
                result.row("the worker's whole transaction (lock rooms, find stored, INSERT, advance rooms, commit)", Result.f0(txRate)
                        + " rows/s; per batch p50 " + Result.ms(txLog.millis(50)) + ", p99 " + Result.ms(txLog.millis(99)));
                result.files.add("insert-limit.hlog");
                result.files.add("insert-limit.hgrm");
                result.files.add("insert-limit-tx.hlog");
                result.files.add("insert-limit-tx.hgrm");
            }
            Cpu.row(result, cpuFrom, ProcStats.snapshot(ProcStats.parseRoots(pidSpecs)), "CPU (% of one core; whole measurement)");
        result.write(out);
            Log.info("[insert-limit] %s", result.table);
            return result;
        }
    }

    interface Step {
        void run() throws SQLException;
    }

    private static double timed(int times, Step step) throws SQLException {
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) {
            step.run();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private record Batch(String[] ids, String[] roomIds, String[] senderIds, String[] clientMsgIds, String[] types,
                         String[] contents, String[] createdAts, Long[] seqs) {
        static Batch of(int size, List<String> rooms, String sender, String content, long[] seqs) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Batch b = new Batch(new String[size], new String[size], new String[size], new String[size], new String[size],
                    new String[size], new String[size], new Long[size]);
            String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
            for (int i = 0; i < size; i++) {
                int room = random.nextInt(rooms.size());
                b.ids[i] = Ulids.next();
                b.roomIds[i] = rooms.get(room);
                b.senderIds[i] = sender;
                b.clientMsgIds[i] = new UUID(random.nextLong(), random.nextLong()).toString();
                b.types[i] = "TEXT";
                b.contents[i] = content;
                b.createdAts[i] = now;
                b.seqs[i] = ++seqs[room];
            }
            return b;
        }
    }

    private static void insert(Connection c, Batch b) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_NEW)) {
            bindRows(c, s, b);
            int rows = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows++;
                }
            }
            if (rows != b.ids().length) {
                throw new IllegalStateException("inserted " + rows + " of " + b.ids().length);
            }
        }
    }

    /** The batch's eight row columns as parameters 1 to 8, as both INSERT statements take them. */
    private static void bindRows(Connection c, PreparedStatement s, Batch b) throws SQLException {
        s.setArray(1, c.createArrayOf("text", b.ids()));
        s.setArray(2, c.createArrayOf("text", b.roomIds()));
        s.setArray(3, c.createArrayOf("text", b.senderIds()));
        s.setArray(4, c.createArrayOf("text", b.clientMsgIds()));
        s.setArray(5, c.createArrayOf("text", b.types()));
        s.setArray(6, c.createArrayOf("text", b.contents()));
        s.setArray(7, c.createArrayOf("text", b.createdAts()));
        s.setArray(8, c.createArrayOf("int8", b.seqs()));
    }

    private static void workerTransaction(Connection c, Batch b, List<String> allRooms) throws SQLException {
        String[] distinctRooms = java.util.Arrays.stream(b.roomIds()).distinct().sorted().toArray(String[]::new);
        try (PreparedStatement lock = c.prepareStatement(LOCK_ROOMS_FIND_SENDERS)) {
            lock.setArray(1, c.createArrayOf("text", distinctRooms));
            lock.setArray(2, c.createArrayOf("text", new String[] {b.senderIds()[0]}));
            try (ResultSet r = lock.executeQuery()) {
                while (r.next()) {
                    r.getString(2);
                }
            }
        }
        try (PreparedStatement find = c.prepareStatement(FIND_STORED)) {
            find.setArray(1, c.createArrayOf("text", b.ids()));
            find.setArray(2, c.createArrayOf("text", b.roomIds()));
            find.setArray(3, c.createArrayOf("text", b.senderIds()));
            find.setArray(4, c.createArrayOf("text", b.clientMsgIds()));
            try (ResultSet r = find.executeQuery()) {
                while (r.next()) {
                    r.getString(1);
                }
            }
        }
        // the newest message per room of the batch
        java.util.Map<String, Integer> newest = new java.util.HashMap<>();
        for (int i = 0; i < b.ids().length; i++) {
            newest.merge(b.roomIds()[i], i, (x, y) -> b.seqs()[x] > b.seqs()[y] ? x : y);
        }
        int n = newest.size();
        String[] roomIds = new String[n];
        Long[] lastSeqs = new Long[n];
        String[] messageIds = new String[n];
        String[] ats = new String[n];
        int k = 0;
        for (var e : newest.entrySet()) {
            roomIds[k] = e.getKey();
            lastSeqs[k] = b.seqs()[e.getValue()];
            messageIds[k] = b.ids()[e.getValue()];
            ats[k] = b.createdAts()[e.getValue()];
            k++;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_NEW_ADVANCE_ROOMS)) {
            bindRows(c, s, b);
            s.setArray(9, c.createArrayOf("text", roomIds));
            s.setArray(10, c.createArrayOf("int8", lastSeqs));
            s.setArray(11, c.createArrayOf("text", messageIds));
            s.setArray(12, c.createArrayOf("text", ats));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) != b.ids().length) {
                    throw new IllegalStateException("inserted " + r.getLong(1) + " of " + b.ids().length);
                }
            }
        }
        c.commit();
    }
}
