package parley.gatewayclient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's REST API as a client application calls it: any method, path, bearer token, body
 * and header, with a client-side timeout on every call. A call that times out or cannot connect
 * answers status -1 (with the reason as its raw body) rather than throwing, so a fault test can
 * count it.
 */
public final class GatewayHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** What came back; {@code json} is null when the body is not JSON; status -1: no answer (see {@code raw}). */
    public record Response(int status, HttpHeaders headers, String raw, JsonNode json, long millis) {

        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The problem code of an error body. */
        public String code() {
            return json == null ? null : json.path("code").asString(null);
        }

        /** This response, or an AssertionError naming {@code what} when its status is another. */
        public Response require(int expected, String what) {
            if (status != expected) {
                throw new AssertionError(what + ": expected " + expected + " but got " + status + " " + raw);
            }
            return this;
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + raw;
        }
    }

    private final String base;

    public GatewayHttp(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String base() {
        return base;
    }

    /** A call to build: {@code http.call("POST", "/rooms").token(t).json("{...}").send()}. */
    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public Response get(String path, String token) {
        return call("GET", path).token(token).send();
    }

    public Response postJson(String path, String token, String json) {
        return call("POST", path).token(token).json(json).send();
    }

    /** One request being built. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body;
        private Duration timeout = Duration.ofSeconds(15);

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** {@code Authorization: Bearer token}; nothing when null. */
        public Call token(String token) {
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A JSON body; none when null. */
        public Call json(String json) {
            return json == null ? this : body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** Any bytes with any content type (null: no Content-Type header); null bytes: no body. */
        public Call body(String contentType, byte[] bytes) {
            return body(contentType, bytes == null ? null : HttpRequest.BodyPublishers.ofByteArray(bytes));
        }

        /** A body from any publisher (one of unknown length goes out chunked). */
        public Call body(String contentType, HttpRequest.BodyPublisher publisher) {
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            this.body = publisher;
            return this;
        }

        public Call timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            headers.forEach(request::header);
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String raw = response.body();
                boolean json = response.headers().firstValue("Content-Type").map(type -> type.contains("json")).orElse(false);
                JsonNode parsed = json && raw != null && !raw.isBlank() ? JSON.readTree(raw) : null;
                return new Response(response.statusCode(), response.headers(), raw, parsed, (System.nanoTime() - t0) / 1_000_000);
            } catch (HttpTimeoutException e) {
                return new Response(-1, null, "client timeout: " + e.getMessage(), null, (System.nanoTime() - t0) / 1_000_000);
            } catch (IOException e) {
                return new Response(-1, null, e.toString(), null, (System.nanoTime() - t0) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
