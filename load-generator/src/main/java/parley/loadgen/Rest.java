package parley.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's REST API, as far as the scenarios need it: set-up only, never on a measured path. */
final class Rest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String base;

    Rest(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String base() {
        return base;
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

    JsonNode call(String method, String path, String token, Map<String, ?> body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new LinkedHashMap<>(body))));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expected) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
                }
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                if (attempt >= 3) {
                    throw new IllegalStateException(method + " " + path + " failed: " + e, e);
                }
                sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
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
