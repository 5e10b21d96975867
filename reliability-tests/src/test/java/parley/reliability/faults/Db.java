package parley.reliability.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import parley.testkit.EmbeddedPostgresServer;

/** Straight JDBC reads of what the worker stored: the ground truth of the fault tests. */
final class Db {

    /** What one room holds. */
    record RoomStats(long rows, long distinctIds, long distinctContents, long distinctSeqs, long minSeq, long maxSeq, long lastSeq) {
        /** Seqs are exactly 1..rows, and the room's last_seq agrees. */
        boolean gapless() {
            return rows == 0 ? lastSeq == 0 : distinctSeqs == rows && minSeq == 1 && maxSeq == rows && lastSeq == rows;
        }

        /** Rows beyond one per message (a message stored twice under two ids, or one id twice). */
        long duplicates() {
            return rows - Math.min(distinctIds, distinctContents);
        }
    }

    private final EmbeddedPostgresServer postgres;

    Db(EmbeddedPostgresServer postgres) {
        this.postgres = postgres;
    }

    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", postgres.username());
        props.setProperty("password", postgres.password());
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "20");
        return new org.postgresql.Driver().connect(postgres.jdbcUrl(), props);
    }

    RoomStats stats(String roomId) {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("""
                     select count(*), count(distinct m.id), count(distinct m.content), count(distinct m.seq),
                            coalesce(min(m.seq), 0), coalesce(max(m.seq), 0),
                            (select last_seq from rooms where id = ?)
                     from messages m where m.room_id = ?""")) {
            q.setString(1, roomId);
            q.setString(2, roomId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new RoomStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading room " + roomId + ": " + e, e);
        }
    }

    Map<String, RoomStats> stats(Collection<String> roomIds) {
        Map<String, RoomStats> all = new HashMap<>();
        roomIds.forEach(r -> all.put(r, stats(r)));
        return all;
    }

    /** Rows stored for these rooms, or -1 while the database cannot be reached. */
    long countOrMinusOne(Collection<String> roomIds) {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("select count(*) from messages where room_id = any(?)")) {
            q.setArray(1, c.createArrayOf("varchar", roomIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    Set<String> ids(Collection<String> roomIds) {
        return strings("select id from messages where room_id = any(?)", roomIds);
    }

    Set<String> contents(Collection<String> roomIds) {
        return strings("select content from messages where room_id = any(?)", roomIds);
    }

    private Set<String> strings(String sql, Collection<String> roomIds) {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, c.createArrayOf("varchar", roomIds.toArray()));
            Set<String> out = new HashSet<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
