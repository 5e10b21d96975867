package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

/** {@code *}: what the NestJS gateway allowed, any origin, without credentials. */
@TestPropertySource(properties = "parley.cors.allowed-origins=*")
class CorsAnyOriginTest extends WebTest {

    @Test
    void aPreflightFromAnyOriginPasses() {
        HttpHeaders headers = client.options().uri("/socket.io/?EIO=4&transport=polling")
                .header(HttpHeaders.ORIGIN, "https://anywhere.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
                .exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseHeaders();

        assertThat(headers.getAccessControlAllowOrigin()).isEqualTo("*");
        assertThat(headers.containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isFalse();
    }

    @Test
    void answersToAnyOriginAreGrantedErrorsIncluded() {
        client.get().uri("/auth/me").headers(bearer(newAccount())).header(HttpHeaders.ORIGIN, "http://localhost:8080").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectBody().returnResult();
        expectProblem(client.get().uri("/rooms").header(HttpHeaders.ORIGIN, "https://other.example").exchange()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*"), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }
}
