package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** PROTOCOL-1.1 §2: GET /users?email= finds one user by exact address, shows no e-mail, and is throttled per account. */
@TestPropertySource(properties = {"parley.auth.throttle.lookup-attempts=3", "parley.auth.throttle.lookup-window=10m"})
class UserLookupEndpointsTest extends WebTest {

    private WebTestClient.ResponseSpec lookUp(Account caller, String email) {
        return client.get().uri(uri -> uri.path("/users").queryParam("email", "{e}").build(email)).headers(bearer(caller)).exchange();
    }

    @Test
    void anExactAddressFindsItsUserWithoutTheirEmailAndAnUnknownOneFindsNobody() {
        Account caller = newAccount();
        Account wanted = newAccount("Grace");

        List<Map<String, Object>> found = lookUp(caller, wanted.email()).expectStatus().isOk()
                .expectBody(JSON_ARRAY).returnResult().getResponseBody();
        List<Map<String, Object>> nobody = lookUp(caller, "nobody-" + UUID.randomUUID() + "@example.com").expectStatus().isOk()
                .expectBody(JSON_ARRAY).returnResult().getResponseBody();

        assertThat(found).containsExactly(Map.of("id", wanted.id(), "displayName", "Grace"));
        assertThat(nobody).isEmpty();
    }

    @Test
    void aMissingOrMalformedAddressNamesTheField() {
        Account caller = newAccount();

        assertThat(fieldErrors(expectProblem(client.get().uri("/users").headers(bearer(caller)).exchange(),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED"))).containsOnlyKeys("email");
        assertThat(fieldErrors(expectProblem(lookUp(caller, "not an address"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("email");
        expectProblem(client.get().uri("/users?email=a@example.com").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void theFourthLookUpByOneAccountWithinTheWindowIsRefusedWith429AndRetryAfterWhileAnotherAccountStillLooksUp() {
        Account prober = newAccount();
        Account other = newAccount();
        for (int i = 0; i < 3; i++) {
            lookUp(prober, "guess-" + i + "@example.com").expectStatus().isOk().expectBody().returnResult();
        }

        WebTestClient.ResponseSpec refused = lookUp(prober, other.email());

        Map<String, Object> problem = expectProblem(refused.expectHeader().exists(HttpHeaders.RETRY_AFTER),
                HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS");
        assertThat((String) problem.get("detail")).startsWith("too many user look-ups");
        lookUp(other, prober.email()).expectStatus().isOk().expectBody().returnResult();
        // the look-up budget is not the sign-in budget
        logIn(prober.email(), PASSWORD);
    }
}
