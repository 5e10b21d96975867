package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Browsers on the listed origins may call the API and the Socket.IO endpoint and read every answer,
 * errors included; other origins get no grant; the chat socket {@code /ws} is left alone.
 */
@TestPropertySource(properties = {
        "parley.cors.allowed-origins=https://app.example, http://localhost:5173",
        "parley.auth.throttle.email-attempts=3"})
class CorsTest extends WebTest {

    static final String ALLOWED = "https://app.example";
    static final String OTHER_ALLOWED = "http://localhost:5173";
    static final String FOREIGN = "https://evil.example";

    WebTestClient.ResponseSpec preflight(String path, String origin, String method, String headers) {
        return client.options().uri(path)
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, headers)
                .exchange();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithWhatItMayDo() {
        HttpHeaders headers = preflight("/rooms", ALLOWED, "POST", "authorization, content-type").expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders();

        assertThat(headers.getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(headers.getAccessControlAllowMethods()).extracting(Object::toString)
                .contains("GET", "POST", "PUT", "PATCH", "DELETE");
        assertThat(headers.getAccessControlAllowHeaders()).map(String::toLowerCase).contains("authorization", "content-type");
        assertThat(headers.getAccessControlMaxAge()).isEqualTo(3600);
        // bearer tokens, never cookies
        assertThat(headers.containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isFalse();
    }

    @Test
    void everyListedOriginIsAllowed() {
        preflight("/rooms", OTHER_ALLOWED, "GET", "authorization").expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, OTHER_ALLOWED)
                .expectBody().returnResult();
    }

    @Test
    void anAnswerToAnAllowedOriginGrantsItAndExposesTheHeadersClientsNeed() {
        Account account = newAccount();

        HttpHeaders headers = client.get().uri("/auth/me").headers(bearer(account)).header(HttpHeaders.ORIGIN, ALLOWED).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseHeaders();

        assertThat(headers.getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(headers.getAccessControlExposeHeaders()).contains(HttpHeaders.RETRY_AFTER, HttpHeaders.LINK, HttpHeaders.LOCATION);
        assertThat(headers.containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isFalse();
    }

    @Test
    void theTokenFiltersRefusalCarriesTheGrantSoThePageCanReadIt() {
        Map<String, Object> problem = expectProblem(client.get().uri("/auth/me").header(HttpHeaders.ORIGIN, ALLOWED).exchange()
                        .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"),
                HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");

        assertThat(problem).containsKey("message");
    }

    @Test
    void aHandlersErrorCarriesTheGrantToo() {
        expectProblem(client.get().uri("/no/such/thing").headers(bearer(newAccount())).header(HttpHeaders.ORIGIN, ALLOWED).exchange()
                        .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED),
                HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void aThrottledSignInCarriesTheGrantAndExposesRetryAfter() {
        String email = "cors-" + UUID.randomUUID() + "@example.com";
        EntityExchangeResult<Map<String, Object>> refused = null;
        for (int attempt = 0; attempt < 10 && refused == null; attempt++) {
            EntityExchangeResult<Map<String, Object>> answer = client.post().uri("/auth/login").header(HttpHeaders.ORIGIN, ALLOWED)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "password", "wrong password"))
                    .exchange().expectBody(JSON_OBJECT).returnResult();
            assertThat(answer.getResponseHeaders().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
            if (answer.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                refused = answer;
            }
        }

        assertThat(refused).as("refused after 3 attempts").isNotNull();
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(refused.getResponseHeaders().getAccessControlExposeHeaders()).contains(HttpHeaders.RETRY_AFTER);
        assertThat(refused.getResponseBody()).containsEntry("code", "TOO_MANY_ATTEMPTS");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        preflight("/rooms", FOREIGN, "POST", "authorization, content-type").expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)
                .expectBody().returnResult();
    }

    @Test
    void aPreflightAskingForAMethodOrHeaderBeyondTheListIsRefused() {
        preflight("/rooms", ALLOWED, "TRACE", "authorization").expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN).expectBody().returnResult();
        preflight("/rooms", ALLOWED, "POST", "x-custom").expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN).expectBody().returnResult();
    }

    /**
     * Answered as it would be without the Origin, only without a grant: the browser then keeps the
     * answer from the page (as the NestJS gateway's CORS did).
     */
    @Test
    void aRequestFromAnotherOriginGetsNoGrant() {
        client.get().uri("/auth/me").headers(bearer(newAccount())).header(HttpHeaders.ORIGIN, FOREIGN).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().returnResult();
        expectProblem(client.get().uri("/auth/me").header(HttpHeaders.ORIGIN, FOREIGN).exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void aSameOriginRequestIsNotACorsRequest() {
        client.get().uri("/auth/me").headers(bearer(newAccount())).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().returnResult();
    }

    /** What socket.io-client's polling transport asks before its first POST of text/plain. */
    @Test
    void aSocketIoPollingPreflightFromAnAllowedOriginPasses() {
        HttpHeaders headers = preflight("/socket.io/?EIO=4&transport=polling&sid=abc", ALLOWED, "POST", "content-type")
                .expectStatus().isOk().expectBody().returnResult().getResponseHeaders();

        assertThat(headers.getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(headers.getAccessControlAllowMethods()).extracting(Object::toString).contains("GET", "POST");
        assertThat(headers.getAccessControlAllowHeaders()).map(String::toLowerCase).contains("content-type");
        // extraHeaders: {Authorization: ...}, and an Accept the browser does not deem simple
        preflight("/socket.io/?EIO=4&transport=polling", ALLOWED, "GET", "authorization, accept").expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED).expectBody().returnResult();
    }

    @Test
    void aSocketIoRequestFromAnAllowedOriginIsGrantedWhateverItIsAnswered() {
        client.get().uri("/socket.io/?EIO=4&transport=polling").header(HttpHeaders.ORIGIN, ALLOWED).exchange()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectBody().returnResult();
    }

    /** A WebSocket handshake is no CORS request: /ws answers as before, whatever the Origin. */
    @Test
    void theChatSocketIsLeftAlone() {
        for (String origin : new String[] {ALLOWED, FOREIGN}) {
            HttpHeaders headers = client.get().uri("/ws").header(HttpHeaders.ORIGIN, origin).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().returnResult().getResponseHeaders();

            assertThat(headers.headerNames()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(headers.getVary()).doesNotContain(HttpHeaders.ORIGIN);
        }
    }
}
