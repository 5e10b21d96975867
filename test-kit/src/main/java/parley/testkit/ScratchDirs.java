package parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Throw-away data directories under {@code java.io.tmpdir}. Each carries a marker with the pid of the JVM that
 * created it, so that directories left behind by a JVM that was killed ({@code kill -9}) are swept by the next one.
 */
final class ScratchDirs {

    static final String PREFIX = "parley-data-";
    private static final String OWNER_FILE = ".parley-owner-pid";
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private ScratchDirs() {
    }

    static Path tmpRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Creates {@code <tmpdir>/parley-data-<kind>-<random>} (mode 0700) owned by this JVM. */
    static Path create(String kind) {
        sweepStaleOnce();
        try {
            Path dir = Files.createTempDirectory(tmpRoot(), PREFIX + kind + "-");
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.US_ASCII);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a scratch directory under " + tmpRoot(), e);
        }
    }

    /** Deletes directories whose creating JVM no longer runs. Best effort, once per JVM. */
    static void sweepStaleOnce() {
        if (!SWEPT.compareAndSet(false, true)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpRoot(), PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER_FILE);
                try {
                    long pid = Long.parseLong(Files.readString(owner, StandardCharsets.US_ASCII).trim());
                    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                    if (!alive) {
                        deleteRecursively(dir);
                    }
                } catch (IOException | NumberFormatException | SecurityException e) {
                    // not ours, not readable or being created right now: leave it alone
                }
            }
        } catch (IOException | SecurityException e) {
            // best effort
        }
    }

    static void deleteRecursively(Path root) {
        deleteRecursively(root, e -> { });
    }

    static void deleteRecursively(Path root, Consumer<IOException> onError) {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            onError.accept(e);
        }
    }
}
