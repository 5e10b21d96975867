package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.instant;
import static parley.adapter.out.postgres.SqlValues.string;

import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import parley.domain.session.SecretHash;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.session.UserAgent;
import parley.domain.user.UserId;

/** Reads {@code sessions} rows into {@link Session}s. */
final class SessionRows {

    static final String COLUMNS = "id, user_id, created_at, last_used_at, user_agent, refresh_expires_at, current_secret, superseded_secrets,"
            + " revoked_at";

    private SessionRows() {
    }

    static Session session(Readable row) {
        return new Session(
                new SessionId(string(row, "id")),
                new UserId(string(row, "user_id")),
                instant(row, "created_at"),
                instant(row, "last_used_at"),
                new UserAgent(string(row, "user_agent")),
                instant(row, "refresh_expires_at"),
                SecretHash.of(bytes(row.get("current_secret", ByteBuffer.class))),
                superseded(bytes(row.get("superseded_secrets", ByteBuffer.class))),
                instant(row, "revoked_at"));
    }

    static ByteBuffer buffer(SecretHash hash) {
        return ByteBuffer.wrap(hash.bytes());
    }

    /** The hashes concatenated, oldest first (an array column of bytea does not survive the driver's codecs). */
    static ByteBuffer buffers(List<SecretHash> hashes) {
        ByteBuffer all = ByteBuffer.allocate(hashes.size() * SecretHash.LENGTH);
        hashes.forEach(hash -> all.put(hash.bytes()));
        return all.flip();
    }

    private static List<SecretHash> superseded(byte[] all) {
        List<SecretHash> hashes = new ArrayList<>(all.length / SecretHash.LENGTH);
        for (int offset = 0; offset + SecretHash.LENGTH <= all.length; offset += SecretHash.LENGTH) {
            hashes.add(SecretHash.of(Arrays.copyOfRange(all, offset, offset + SecretHash.LENGTH)));
        }
        return hashes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
