package parley.loadgen;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.gatewayclient.GatewayHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's REST API, as far as the scenarios need it: set-up only, never on a measured path. */
final class Rest {

    static final JsonMapper JSON = GatewayHttp.JSON;

    private final GatewayHttp http;

    Rest(String baseUrl) {
        this.http = new GatewayHttp(baseUrl);
    }

    /** Registers and logs in; returns {id, token}. */
    String[] registerAndLogin(String email, String password, String displayName) {
        JsonNode user = call("POST", "/auth/register", null, Map.of("email", email, "password", password, "displayName", displayName), 201);
        JsonNode login = call("POST", "/auth/login", null, Map.of("email", email, "password", password), 200);
        return new String[] {user.get("id").asString(), login.get("accessToken").asString()};
    }

    String createRoom(String token, String name) {
        return call("POST", "/rooms", token, Map.of("name", name), 201).get("id").asString();
    }

    void join(String token, String roomId) {
        call("POST", "/rooms/" + roomId + "/join", token, null, 200);
    }

    JsonNode get(String path, String token) {
        return call("GET", path, token, null, 200);
    }

    /** One call that must answer {@code expected}; a call that gets no answer is tried up to three times. */
    JsonNode call(String method, String path, String token, Map<String, ?> body, int expected) {
        String json = body == null ? null : JSON.writeValueAsString(new LinkedHashMap<>(body));
        for (int attempt = 1; ; attempt++) {
            GatewayHttp.Response response = http.call(method, path).token(token).json(json).timeout(Duration.ofSeconds(30)).send();
            if (response.status() < 0) {
                if (attempt >= 3) {
                    throw new IllegalStateException(method + " " + path + " failed: " + response.raw());
                }
                sleep(200L * attempt);
                continue;
            }
            if (response.status() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.status() + ": " + response.raw());
            }
            return response.raw() == null || response.raw().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.raw());
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
