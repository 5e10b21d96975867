package parley.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small POSIX helpers: who we are, and how to run a command as an unprivileged user when we are root. */
final class Posix {

    /** Debian's {@code nobody}/{@code nogroup}. PostgreSQL refuses to run as root, so it runs as this user. */
    static final int UNPRIVILEGED_UID = 65534;
    static final int UNPRIVILEGED_GID = 65534;

    static final Set<PosixFilePermission> DIR_755 = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> FILE_755 = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> FILE_644 = PosixFilePermissions.fromString("rw-r--r--");

    private static final long EFFECTIVE_UID = detectUid();

    private Posix() {
    }

    static long uid() {
        return EFFECTIVE_UID;
    }

    static boolean isRoot() {
        return EFFECTIVE_UID == 0;
    }

    /**
     * Prefixes {@code command} so that it runs as {@link #UNPRIVILEGED_UID} when this JVM runs as root
     * (util-linux {@code setpriv} replaces itself with the command, so the pid stays the same); unchanged otherwise.
     */
    static List<String> asUnprivilegedIfRoot(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv",
                "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_GID, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code path} to the unprivileged user when we are root (so initdb/postgres can write there). */
    static void chownToUnprivilegedIfRoot(Path path) throws IOException {
        if (isRoot()) {
            Files.setAttribute(path, "unix:uid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", UNPRIVILEGED_GID, LinkOption.NOFOLLOW_LINKS);
        }
    }

    static long ownerUid(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    private static long detectUid() {
        try {
            // /proc/self belongs to the effective uid of this process
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
        }
    }
}
