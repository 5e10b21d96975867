package parley.adapter.out.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The statements of {@link R2dbcMessageStore#storeBatch}, kept as files under
 * {@code parley/adapter/out/postgres/sql/} so that the benchmark's INSERT limit (load-generator's
 * {@code InsertLimit}) runs exactly the worker's SQL instead of a copy that could drift.
 */
final class StoreBatchSql {

    static final String LOCK_ROOMS_FIND_SENDERS = read("lock-rooms-find-senders.sql");
    static final String FIND_STORED = read("find-stored.sql");

    static {
        if (!FIND_STORED.contains("SELECT " + MessageRows.COLUMNS + "\n")) {
            throw new IllegalStateException("sql/find-stored.sql must select MessageRows.COLUMNS: " + MessageRows.COLUMNS);
        }
    }
    static final String INSERT_NEW_ADVANCE_ROOMS = read("insert-new-advance-rooms.sql");

    private StoreBatchSql() {
    }

    private static String read(String name) {
        try (InputStream in = StoreBatchSql.class.getResourceAsStream("sql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource sql/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
