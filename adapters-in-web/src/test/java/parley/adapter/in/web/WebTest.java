package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import parley.webtest.WebTestApplication;

/**
 * Base of the HTTP tests: the whole adapter on a real Netty server with the real services over
 * in-memory fakes. The context is shared by all web tests, so every test makes its own users and
 * rooms and never depends on what others left behind.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a liveness bound, not a timing target: the first requests of a fresh context on a loaded 2-core machine took over 5 s once
@AutoConfigureWebTestClient(timeout = "30s")
// every test signs in from 127.0.0.1: the per-address budget is AuthThrottleTest's business
@TestPropertySource(properties = "parley.auth.throttle.address-attempts=1000000")
abstract class WebTest {

    static final String PASSWORD = "correct horse battery staple";
    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };
    static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_ARRAY = new ParameterizedTypeReference<>() {
    };
    private static final AtomicInteger USERS = new AtomicInteger();

    @Autowired
    WebTestClient client;

    /** A registered, logged-in user. */
    record Account(String id, String email, String displayName, String token) {
    }

    Account newAccount() {
        return newAccount("User " + USERS.incrementAndGet());
    }

    Account newAccount(String displayName) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> user = client.post().uri("/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "displayName", displayName))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return new Account((String) user.get("id"), email, displayName, logIn(email, PASSWORD));
    }

    String logIn(String email, String password) {
        Map<String, Object> token = client.post().uri("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return (String) token.get("accessToken");
    }

    Map<String, Object> createRoom(Account owner, String name) {
        return client.post().uri("/rooms")
                .headers(bearer(owner))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    String createRoomId(Account owner) {
        return (String) createRoom(owner, "room " + UUID.randomUUID()).get("id");
    }

    void join(Account account, String roomId) {
        client.post().uri("/rooms/{id}/join", roomId).headers(bearer(account)).exchange().expectStatus().isOk().expectBody().returnResult();
    }

    static java.util.function.Consumer<HttpHeaders> bearer(Account account) {
        return bearer(account.token());
    }

    static java.util.function.Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    /** Asserts an RFC 9457 problem with the given status and code (and {@code message} repeating {@code detail}), and returns its body. */
    static Map<String, Object> expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
        Map<String, Object> problem = response
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(problem).containsEntry("status", status.value()).containsEntry("code", code).containsKeys("title", "detail");
        // for clients written for the NestJS gateway, which show body.message
        assertThat(problem).containsEntry("message", problem.get("detail"));
        return problem;
    }

    /** The {@code errors} of a VALIDATION_FAILED problem as field name to message. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fieldErrors(Map<String, Object> problem) {
        assertThat(problem).containsEntry("code", "VALIDATION_FAILED");
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
        assertThat(errors).isNotEmpty();
        java.util.LinkedHashMap<String, String> byField = new java.util.LinkedHashMap<>();
        errors.forEach(error -> byField.put(error.get("field"), error.get("message")));
        return byField;
    }
}
