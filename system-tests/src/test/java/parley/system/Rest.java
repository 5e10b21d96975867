package parley.system;

import parley.gatewayclient.GatewayHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's REST API as a client application would use it (the shared {@link GatewayHttp}). */
final class Rest {

    static final JsonMapper JSON = GatewayHttp.JSON;

    private final GatewayHttp http;

    Rest(String base) {
        this.http = new GatewayHttp(base);
    }

    record Response(int status, JsonNode body, String raw) {
    }

    Response get(String path, String token) {
        return of(http.get(path, token));
    }

    Response post(String path, String token, String json) {
        return of(http.postJson(path, token, json));
    }

    /** Any method, with an optional JSON body. */
    Response send(String method, String path, String token, String json) {
        GatewayHttp.Call call = http.call(method, path).token(token);
        return of((json == null ? call : call.json(json)).send());
    }

    private static Response of(GatewayHttp.Response response) {
        if (response.status() < 0) {
            throw new IllegalStateException("request failed: " + response.raw());
        }
        return new Response(response.status(), response.json(), response.raw());
    }
}
