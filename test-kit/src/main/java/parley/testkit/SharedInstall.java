package parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
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
            Path staging = Files.createTempDirectory(root, name + ".staging-");
            try {
                installer.installInto(staging);
                Files.createFile(staging.resolve(COMPLETE_MARKER));
                Files.setPosixFilePermissions(staging, Posix.DIR_755);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                    // another JVM won the race (or a broken leftover is in the way)
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
