package parley.adapter.in.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** By default (no {@code parley.cors.allowed-origins}) pages of other origins get no grant at all. */
class CorsSameOriginTest extends WebTest {

    WebTestClient.ResponseSpec preflight(String path) {
        return client.options().uri(path)
                .header(HttpHeaders.ORIGIN, "https://app.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
                .exchange();
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        preflight("/rooms").expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().returnResult();
        preflight("/socket.io/?EIO=4&transport=polling")
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().returnResult();
    }

    @Test
    void answersCarryNoCorsHeaders() {
        client.get().uri("/auth/me").headers(bearer(newAccount())).header(HttpHeaders.ORIGIN, "https://app.example").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS)
                .expectBody().returnResult();
        client.get().uri("/auth/me").header(HttpHeaders.ORIGIN, "https://app.example").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().returnResult();
    }
}
