package parley.reliability.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import parley.gatewayclient.GatewayHttp;
import tools.jackson.databind.JsonNode;

/** The gateway's REST API as a client application uses it (the shared {@link GatewayHttp}), with a client-side timeout on every call. */
final class Api {

    static final String PASSWORD = "correct horse battery staple";

    /** An answer; status -1 when the client timed out or could not connect. */
    record Response(int status, JsonNode body, String raw, long millis) {
        String code() {
            return body == null ? null : body.path("code").asString(null);
        }
    }

    /** A registered, logged-in user. */
    record User(String id, String name, String token) {
    }

    private final GatewayHttp http;

    Api(String base) {
        this.http = new GatewayHttp(base);
    }

    Response get(String path, String token, Duration timeout) {
        return of(http.call("GET", path).token(token).timeout(timeout).send());
    }

    Response post(String path, String token, String json, Duration timeout) {
        return of(http.call("POST", path).token(token).json(json).timeout(timeout).send());
    }

    private static Response of(GatewayHttp.Response response) {
        return new Response(response.status(), response.json(), response.raw(), response.millis());
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
