package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import parley.application.fake.InMemoryMessageStore;
import parley.application.port.out.DependencyUnavailableException;

/** What every endpoint has in common: the token gate, the size limit, and problems for all failures. */
class ErrorHandlingTest extends WebTest {

    static final int LIMIT = 64 * 1024;
    static final String ROOM = "01J0000000ZZZZZZZZZZZZZZZZ";

    @Autowired
    InMemoryMessageStore messages;

    /** A room-creation body of exactly {@code size} bytes (ASCII). */
    static String bodyOfSize(int size) {
        String frame = "{\"name\":\"\"}";
        return "{\"name\":\"" + "n".repeat(size - frame.length()) + "\"}";
    }

    WebTestClient.ResponseSpec createRoomWithBody(Account account, String body) {
        return client.post().uri("/rooms").headers(bearer(account)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Stream<Arguments> protectedRoutes() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/auth/me"),
                Arguments.of(HttpMethod.POST, "/rooms"),
                Arguments.of(HttpMethod.GET, "/rooms"),
                Arguments.of(HttpMethod.GET, "/rooms/discover"),
                Arguments.of(HttpMethod.GET, "/rooms/" + ROOM),
                Arguments.of(HttpMethod.POST, "/rooms/" + ROOM + "/join"),
                Arguments.of(HttpMethod.POST, "/rooms/" + ROOM + "/leave"),
                Arguments.of(HttpMethod.GET, "/rooms/" + ROOM + "/members"),
                Arguments.of(HttpMethod.GET, "/rooms/" + ROOM + "/messages"),
                Arguments.of(HttpMethod.POST, "/rooms/" + ROOM + "/read"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protectedRoutes")
    void everyRouteBeyondSigningInNeedsAToken(HttpMethod method, String path) {
        expectProblem(client.method(method).uri(path).exchange().expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"),
                HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void publicRoutesNeedNoToken() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult();
        expectProblem(client.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
    }

    @Test
    void anUnknownRouteIsNotFound() {
        Map<String, Object> problem = expectProblem(client.get().uri("/no/such/thing").headers(bearer(newAccount())).exchange(),
                HttpStatus.NOT_FOUND, "NOT_FOUND");

        assertThat(problem).containsEntry("instance", "/no/such/thing");
    }

    @Test
    void anUnknownRouteAsksAnonymousCallersForATokenFirst() {
        expectProblem(client.get().uri("/no/such/thing").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void aWrongMethodIsNotAllowedAndTheAnswerListsTheRightOnes() {
        expectProblem(client.delete().uri("/rooms").headers(bearer(newAccount())).exchange()
                        .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET").contains("POST")),
                HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aBodyOneByteOver64KiBIsTooLarge() {
        String body = bodyOfSize(LIMIT + 1);

        assertThat(body).hasSize(LIMIT + 1);
        expectProblem(createRoomWithBody(newAccount(), body), HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyOfExactly64KiBIsReadAndJudgedByItsContent() {
        Map<String, Object> problem = expectProblem(createRoomWithBody(newAccount(), bodyOfSize(LIMIT)),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

        assertThat(fieldErrors(problem)).containsOnlyKeys("name");
    }

    @Test
    void aDatabaseOutageIsServiceUnavailableWithoutItsDetails() {
        Account owner = newAccount();
        String roomId = createRoomId(owner);
        // as the R2DBC store's boundary translates it (PostgresFailuresTest)
        messages.failWith(new DependencyUnavailableException("the database",
                new DataAccessResourceFailureException("connection to postgres-7:5432 refused")));
        try {
            Map<String, Object> problem = expectProblem(client.get().uri("/rooms/{id}/messages", roomId).headers(bearer(owner)).exchange(),
                    HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE");

            assertThat(problem.toString()).doesNotContain("postgres-7");
        } finally {
            messages.failWith(null);
        }
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatRevealsNothing() {
        Account owner = newAccount();
        String roomId = createRoomId(owner);
        messages.failWith(new IllegalStateException("relation \"messages_secret\" does not exist"));
        try {
            Map<String, Object> problem = expectProblem(client.get().uri("/rooms/{id}/messages", roomId).headers(bearer(owner)).exchange(),
                    HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR");

            assertThat(problem.toString()).doesNotContain("messages_secret").doesNotContain("IllegalStateException");
        } finally {
            messages.failWith(null);
        }
    }

    @Test
    void problemsAreSentAsProblemJsonEvenToClientsAskingForJson() {
        client.get().uri("/rooms/{id}", "nope").headers(bearer(newAccount())).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();
    }
}
