package parley.reliability.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/** The gateway's REST API as a client application uses it, with a client-side timeout on every call. */
final class Api {

    static final String PASSWORD = "correct horse battery staple";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** An answer; status -1 when the client timed out or could not connect. */
    record Response(int status, JsonNode body, String raw, long millis) {
        String code() {
            return body == null ? null : body.path("code").asString(null);
        }
    }

    /** A registered, logged-in user. */
    record User(String id, String name, String token) {
    }

    private final String base;

    Api(String base) {
        this.base = base;
    }

    Response get(String path, String token, Duration timeout) {
        return send(request(path, token, timeout).GET());
    }

    Response post(String path, String token, String json, Duration timeout) {
        HttpRequest.Builder builder = request(path, token, timeout);
        if (json == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path, String token, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String raw = response.body();
            boolean json = response.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false);
            JsonNode body = json && raw != null && !raw.isBlank() ? WsClient.JSON.readTree(raw) : null;
            return new Response(response.statusCode(), body, raw, millis);
        } catch (HttpTimeoutException e) {
            return new Response(-1, null, "client timeout: " + e.getMessage(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return new Response(-1, null, e.toString(), (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response require(Response response, int status, String what) {
        if (response.status() != status) {
            throw new AssertionError(what + ": expected " + status + " but got " + response.status() + " " + response.raw());
        }
        return response;
    }

    User register(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@faults.example";
        Duration t = Duration.ofSeconds(30);
        Response registered = require(post("/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + name + "\"}", t), 201, "register");
        Response login = require(post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", t),
                200, "login");
        return new User(registered.body().get("id").asString(), name, login.body().get("accessToken").asString());
    }

    /** Registers {@code count} users named {@code prefix-i}, a few at a time (Argon2 costs CPU by design). */
    List<User> registerMany(String prefix, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<User>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = prefix + "-" + i;
                futures.add(pool.submit(() -> register(name)));
            }
            List<User> users = new ArrayList<>();
            for (Future<User> f : futures) {
                users.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return users;
        } catch (Exception e) {
            throw new IllegalStateException("registering " + prefix + " users failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    String createRoom(User owner, String name) {
        return require(post("/rooms", owner.token(), "{\"name\":\"" + name + "\"}", Duration.ofSeconds(15)), 201, "create room")
                .body().get("id").asString();
    }

    void join(User user, String roomId) {
        require(post("/rooms/" + roomId + "/join", user.token(), null, Duration.ofSeconds(15)), 200, "join room");
    }

    Response health() {
        return get("/health", null, Duration.ofSeconds(10));
    }
}
