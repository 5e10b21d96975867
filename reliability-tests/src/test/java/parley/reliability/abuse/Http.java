package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import parley.gatewayclient.GatewayHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against the gateway: any bytes, any content type, and the problem-body checks. */
final class Http {

    static final JsonMapper JSON = GatewayHttp.JSON;
    static final String JSON_TYPE = "application/json";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final GatewayHttp http;

    Http(String base) {
        this.http = new GatewayHttp(base);
    }

    static Http gateway() {
        return new Http(AbuseStack.shared().http());
    }

    /** What came back; {@code json} is null when the body is not JSON. */
    record Reply(int status, String contentType, GatewayHttp.Response response, JsonNode json) {

        String raw() {
            return response.raw();
        }

        String header(String name) {
            return response.header(name);
        }

        String code() {
            return json == null || !json.has("code") ? null : json.get("code").asString();
        }

        /** The fields named in a VALIDATION_FAILED body. */
        List<String> fields() {
            List<String> fields = new ArrayList<>();
            if (json != null && json.has("errors")) {
                json.get("errors").forEach(error -> fields.add(error.get("field").asString()));
            }
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + raw();
        }
    }

    Reply get(String path, String token) {
        return of(http.call("GET", path).token(token).timeout(TIMEOUT).send());
    }

    Reply postJson(String path, String token, String json) {
        return post(path, token, JSON_TYPE, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String path, String token, String contentType, byte[] body) {
        return of(http.call("POST", path).token(token).body(contentType, body).timeout(TIMEOUT).send());
    }

    Reply send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        return of(http.call(method, path).token(token).body(contentType, body).timeout(TIMEOUT).send());
    }

    private static Reply of(GatewayHttp.Response response) {
        if (response.status() < 0) {
            throw new IllegalStateException("request failed: " + response.raw());
        }
        String type = response.contentType() == null ? "" : response.contentType();
        return new Reply(response.status(), type, response, response.json());
    }

    /** Asserts an RFC 9457 problem: this status, {@code application/problem+json}, this code. */
    static Reply assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.contentType()).as("content type of %s", reply).startsWith("application/problem+json");
        assertThat(reply.code()).as("code of %s", reply).isEqualTo(code);
        assertThat(reply.json().get("status").asInt()).as("status member of %s", reply).isEqualTo(status);
        return reply;
    }

    /** Asserts 400 VALIDATION_FAILED naming {@code field}. */
    static Reply assertInvalid(Reply reply, String field) {
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertThat(reply.fields()).as("fields named by %s", reply).contains(field);
        return reply;
    }

    /** A JSON string literal in raw UTF-8 (only for well-formed text: a lone surrogate cannot be encoded). */
    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    /** A JSON string literal in pure ASCII: every other UTF-16 unit as a {@code \\uXXXX} escape, lone surrogates included. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
