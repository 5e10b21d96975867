package parley.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where PostgreSQL keeps its data. As root, PostgreSQL runs as the unprivileged user, which must be
 * able to reach its data directory; when the run directory sits below a directory others cannot
 * enter (a home directory, a private temp dir), the data goes to {@code /var/tmp/parley-<hash>}
 * instead, and a note in the run directory says where.
 */
final class DataDirectories {

    private DataDirectories() {
    }

    static Path postgres(Path runDir) throws IOException {
        Path preferred = runDir.resolve("postgres");
        if (!isRoot() || reachableByOthers(runDir)) {
            return preferred;
        }
        Path elsewhere = Path.of("/var/tmp", "parley-" + hash(runDir.toString()), "postgres");
        Files.createDirectories(elsewhere.getParent());
        Files.writeString(runDir.resolve("postgres-data-location.txt"), elsewhere + "\n", StandardCharsets.UTF_8);
        return elsewhere;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean reachableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
