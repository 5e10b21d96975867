package parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Installs files (server binaries) once into a world-traversable directory under {@code java.io.tmpdir}:
 * extraction goes to a private temporary directory that is then renamed into place atomically, so concurrent
 * JVMs never see a half-written installation and the loser of a race simply discards its copy.
 */
final class SharedInstall {

    /** Fills the given (empty) directory. */
    @FunctionalInterface
    interface Installer {
        void installInto(Path directory) throws IOException;
    }

    static final String COMPLETE_MARKER = ".complete";

    private SharedInstall() {
    }

    /**
     * Returns {@code <tmpdir>/<name>}, installing it first if needed. A directory of that name owned by another user
     * (other than root) or writable by others is not trusted (it could hold planted binaries); a per-uid name is used
     * instead.
     */
    static Path installOnce(String name, Installer installer) {
        Path root = ScratchDirs.tmpRoot();
        Path target = root.resolve(name);
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isTrusted(target)) {
                target = root.resolve(name + "-uid" + Posix.uid());
            }
            if (isComplete(target)) {
                return target;
            }
            sweepAbandonedStaging(root, name);
            Path staging = Files.createTempDirectory(root, name + ".staging-");
            try {
                installer.installInto(staging);
                Files.createFile(staging.resolve(COMPLETE_MARKER));
                Files.setPosixFilePermissions(staging, Posix.DIR_755);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                } catch (IOException e) {
                    // another JVM won the race (rename(2) fails with ENOTEMPTY, reported by the JDK as a plain
                    // FileSystemException), or a broken leftover is in the way
                    if (isComplete(target)) {
                        return target;
                    }
                    throw new IOException("Cannot install into " + target + ": it exists but is incomplete; delete it", e);
                }
            } finally {
                ScratchDirs.deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install " + name + " under " + root, e);
        }
    }

    /** Staging directories of JVMs killed while extracting; an extraction takes seconds, not half an hour. */
    private static void sweepAbandonedStaging(Path root, String name) {
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(30));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root, name + ".staging-*")) {
            for (Path leftover : leftovers) {
                if (Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)
                        && Posix.ownerUid(leftover) == Posix.uid()) {
                    ScratchDirs.deleteRecursively(leftover);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static boolean isComplete(Path dir) throws IOException {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && isTrusted(dir) && Files.exists(dir.resolve(COMPLETE_MARKER));
    }

    /** Owned by us or by root, and writable by nobody else: nobody could have planted or swapped binaries there. */
    private static boolean isTrusted(Path dir) throws IOException {
        long owner = Posix.ownerUid(dir);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        return (owner == Posix.uid() || owner == 0)
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
