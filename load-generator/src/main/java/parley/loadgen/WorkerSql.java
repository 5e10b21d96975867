package parley.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The SQL of the worker's batch store, read from adapters-out-postgres's jar (not copied), with
 * R2DBC's {@code $n} placeholders turned into JDBC's {@code ?}: each appears once, in order.
 */
final class WorkerSql {

    private WorkerSql() {
    }

    static String read(String name) {
        try (InputStream in = WorkerSql.class.getResourceAsStream("/parley/adapter/out/postgres/sql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the worker's SQL " + name + " is not on the class path (adapters-out-postgres)");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sql.replaceAll("\\$\\d+", "?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
