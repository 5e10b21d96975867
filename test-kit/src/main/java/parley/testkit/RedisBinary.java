package parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * The redis-server binary shipped inside {@code com.github.codemonstur:embedded-redis}, extracted once to
 * {@code <tmpdir>/parley-redis-<resource>/redis-server}. Only the binary is used: embedded-redis' own launcher has no
 * way to stop the server when the JVM is killed, so {@link EmbeddedRedisServer} starts it under a watchdog itself.
 */
final class RedisBinary {

    private static volatile Path executable;

    private RedisBinary() {
    }

    static Path executable() {
        Path result = executable;
        if (result == null) {
            synchronized (RedisBinary.class) {
                result = executable;
                if (result == null) {
                    String override = System.getProperty("parley.redis.executable", System.getenv("PARLEY_REDIS_EXECUTABLE"));
                    if (override != null && !override.isBlank()) {
                        result = Path.of(override);
                    } else {
                        Map<OsArchitecture, String> provided = ExecutableProvider.newProvidedVersionsMap();
                        OsArchitecture platform = OsArchitecture.detectOSandArchitecture();
                        String resource = provided.get(platform);
                        if (resource == null) {
                            throw new IllegalStateException("embedded-redis ships no redis-server for " + platform);
                        }
                        String name = resource.startsWith("/") ? resource.substring(1) : resource;
                        Path home = SharedInstall.installOnce("parley-" + name, dir -> extract(resource, dir));
                        result = home.resolve("redis-server");
                    }
                    executable = result;
                }
            }
        }
        return result;
    }

    private static void extract(String resource, Path dir) throws IOException {
        try (InputStream in = RedisServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not found in the embedded-redis jar");
            }
            Path target = dir.resolve("redis-server");
            Files.copy(in, target);
            Files.setPosixFilePermissions(target, Posix.FILE_755);
        }
    }
}
