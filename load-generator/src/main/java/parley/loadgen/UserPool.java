package parley.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registered users with their access tokens. Registering costs two Argon2 hashes on the gateway
 * (register and login, tens of milliseconds each), so a pool can be kept in a file and reused by
 * the scenarios of one benchmark run; tokens live as long as the gateway's token lifetime.
 */
final class UserPool {

    record User(String id, String email, String token) {
    }

    private UserPool() {
    }

    /**
     * At least {@code count} users: those of {@code file} (when given and present) first, the rest
     * registered now (with {@code parallelism} requests in flight) and appended to the file.
     */
    static List<User> ensure(Rest rest, int count, Path file, int parallelism) {
        List<User> users = new ArrayList<>(file != null ? load(file) : List.of());
        int missing = count - users.size();
        if (missing > 0) {
            long started = System.nanoTime();
            String tag = UUID.randomUUID().toString().substring(0, 8);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
            try {
                List<Future<User>> futures = new ArrayList<>();
                for (int i = 0; i < missing; i++) {
                    String email = "lg-" + tag + "-" + i + "@bench.parley.test";
                    String name = "lg" + i;
                    futures.add(pool.submit(() -> {
                        String[] idAndToken = rest.registerAndLogin(email, "bench-password-" + tag, name);
                        return new User(idAndToken[0], email, idAndToken[1]);
                    }));
                }
                List<User> added = new ArrayList<>();
                for (Future<User> future : futures) {
                    added.add(future.get());
                }
                users.addAll(added);
                if (file != null) {
                    append(file, added);
                }
            } catch (Exception e) {
                throw new IllegalStateException("registering users failed: " + e, e);
            } finally {
                pool.shutdownNow();
            }
            Log.info("registered %d users in %.1f s", missing, (System.nanoTime() - started) / 1e9);
        }
        return users.subList(0, count);
    }

    private static List<User> load(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<User> users = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length == 3) {
                    users.add(new User(f[0], f[1], f[2]));
                }
            }
            return users;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Path file, List<User> users) throws IOException {
        StringBuilder text = new StringBuilder();
        for (User u : users) {
            text.append(u.id()).append('\t').append(u.email()).append('\t').append(u.token()).append('\n');
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
