package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * H2 of the red-team review: logins and registrations are throttled per e-mail and per client
 * address, alike for known and unknown e-mails, and the password hashing pool refuses work it
 * cannot take soon instead of queueing it behind everything else.
 */
@TestPropertySource(properties = {
        "parley.auth.throttle.email-attempts=5",
        "parley.auth.throttle.email-window=10m",
        "parley.auth.throttle.address-attempts=5",
        "parley.auth.throttle.address-window=10m",
        "parley.auth.trusted-proxies=127.0.0.1",
        "parley.auth.hashing.threads=1",
        "parley.auth.hashing.queue=2"})
class AuthThrottleTest extends WebTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Test
    void theSixthAttemptForOneEmailWithinTheWindowIsRefusedWith429AndRetryAfterAlikeForKnownAndUnknownEmails() {
        Account known = newAccount(); // registering and logging in took two of the known e-mail's five attempts
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";

        for (int i = 0; i < 3; i++) {
            expectProblem(logIn(known.email(), "wrong password", anotherAddress()), HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS");
        }
        for (int i = 0; i < 5; i++) {
            expectProblem(logIn(unknown, "wrong password", anotherAddress()), HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS");
        }
        EntityExchangeResult<Map<String, Object>> knownRefused = refused(logIn(known.email(), PASSWORD, anotherAddress()));
        EntityExchangeResult<Map<String, Object>> unknownRefused = refused(logIn(unknown, "wrong password", anotherAddress()));

        assertThat(knownRefused.getResponseBody()).containsEntry("code", "TOO_MANY_ATTEMPTS");
        assertThat(unknownRefused.getResponseBody()).containsEntry("code", "TOO_MANY_ATTEMPTS");
        // the same words; only the wait may differ, by each budget's own history
        assertThat(String.valueOf(knownRefused.getResponseBody().get("detail")).replaceAll("\\d+", "N"))
                .isEqualTo(String.valueOf(unknownRefused.getResponseBody().get("detail")).replaceAll("\\d+", "N"));
        long retryAfter = Long.parseLong(knownRefused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 600L);
        // the e-mail's case does not make it another e-mail
        refused(logIn(known.email().toUpperCase(), PASSWORD, anotherAddress()));
    }

    @Test
    void registeringTheSameEmailAgainAndAgainIsThrottledToo() {
        String email = "again-" + UUID.randomUUID() + "@example.com";

        register(email, anotherAddress()).expectStatus().isCreated().expectBody().returnResult();
        for (int i = 0; i < 4; i++) {
            expectProblem(register(email, anotherAddress()), HttpStatus.CONFLICT, "EMAIL_TAKEN");
        }

        assertThat(refused(register(email, anotherAddress())).getResponseBody()).containsEntry("code", "TOO_MANY_ATTEMPTS");
    }

    @Test
    void oneClientAddressMakesAtMostFiveAttemptsWhateverTheEmailsAndAnotherAddressIsNotAffected() {
        String address = anotherAddress();
        for (int i = 0; i < 5; i++) {
            expectProblem(logIn("spray-" + i + "-" + UUID.randomUUID() + "@example.com", "guess", address), HttpStatus.UNAUTHORIZED,
                    "INVALID_CREDENTIALS");
        }

        refused(logIn("spray-last-" + UUID.randomUUID() + "@example.com", "guess", address));
        refused(register("spray-new-" + UUID.randomUUID() + "@example.com", address));
        expectProblem(logIn("elsewhere-" + UUID.randomUUID() + "@example.com", "guess", anotherAddress()), HttpStatus.UNAUTHORIZED,
                "INVALID_CREDENTIALS");
    }

    @Test
    void aHashingPoolThatCannotTakeMoreAnswers503WithRetryAfterAndLosesNothingElse() {
        List<CompletableFuture<EntityExchangeResult<Map<String, Object>>>> logins = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        for (int i = 0; i < 24; i++) {
            String email = "flood-" + i + "-" + UUID.randomUUID() + "@example.com";
            String address = anotherAddress();
            logins.add(CompletableFuture.supplyAsync(() -> logIn(email, "wrong password", address).expectBody(JSON_OBJECT).returnResult(),
                    clients));
        }
        clients.shutdown();
        List<EntityExchangeResult<Map<String, Object>>> answers = logins.stream().map(CompletableFuture::join).toList();

        List<EntityExchangeResult<Map<String, Object>>> unavailable = answers.stream()
                .filter(answer -> answer.getStatus().value() == 503).toList();
        System.out.printf("24 concurrent logins against 1 hashing thread with 2 queued: %d answered 401, %d answered 503%n",
                answers.stream().filter(answer -> answer.getStatus().value() == 401).count(), unavailable.size());
        assertThat(answers).allMatch(answer -> answer.getStatus().value() == 401 || answer.getStatus().value() == 503);
        assertThat(unavailable).as("refused by the saturated pool").isNotEmpty();
        assertThat(unavailable).allSatisfy(answer -> {
            assertThat(answer.getResponseBody()).containsEntry("code", "SERVICE_UNAVAILABLE");
            assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        });
        // and the pool serves again once the flood is over
        expectProblem(logIn("after-" + UUID.randomUUID() + "@example.com", "wrong password", anotherAddress()), HttpStatus.UNAUTHORIZED,
                "INVALID_CREDENTIALS");
    }

    /** Through the trusted proxy (the test's loopback peer) on behalf of {@code address}. */
    private WebTestClient.ResponseSpec logIn(String email, String password, String address) {
        return client.post().uri("/auth/login").header("X-Forwarded-For", address).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    @Test
    void refreshesAreThrottledPerClientAddressLikeSignIns() {
        String address = anotherAddress();
        for (int i = 0; i < 5; i++) {
            expectProblem(refresh("0000000000000000000000000" + i + ".garbage", address), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        }

        assertThat(refused(refresh("garbage", address)).getResponseBody()).containsEntry("code", "TOO_MANY_ATTEMPTS");
    }

    @Test
    void refreshesOfOneSessionAreThrottledFromEveryAddress() {
        String session = "01J00000000000000000000042";
        for (int i = 0; i < 5; i++) {
            expectProblem(refresh(session + ".guess-" + i, anotherAddress()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        }

        refused(refresh(session + ".guess", anotherAddress()));
    }

    @Test
    void signInsWithAnEmailSpelledLikeAnotherBudgetsKeyDoNotSpendThatBudget() {
        Account victim = account();
        String session = "01J00000000000000000000077";
        for (int i = 0; i < 6; i++) {
            logIn("password:" + victim.id(), "guess", anotherAddress()).expectStatus().value(status -> assertThat(status).isIn(401, 429))
                    .expectBody().returnResult();
            logIn("refresh:" + session, "guess", anotherAddress()).expectStatus().value(status -> assertThat(status).isIn(401, 429))
                    .expectBody().returnResult();
        }

        expectProblem(changePassword(victim.token(), "wrong password", anotherAddress()), HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS");
        expectProblem(refresh(session + ".guess", anotherAddress()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void passwordChangesAreThrottledPerAccountFromEveryAddress() {
        Account account = account();
        for (int i = 0; i < 5; i++) {
            expectProblem(changePassword(account.token(), "wrong password " + i, anotherAddress()), HttpStatus.UNAUTHORIZED,
                    "INVALID_CREDENTIALS");
        }

        assertThat(refused(changePassword(account.token(), PASSWORD, anotherAddress())).getResponseBody())
                .containsEntry("code", "TOO_MANY_ATTEMPTS");
        // and the account's sign-ins have their own budget: the failed changes did not spend it
        logIn(account.email(), PASSWORD, anotherAddress()).expectStatus().isOk();
    }

    /** A registered, signed-in user, made from an address of its own (this class's loopback budget stays for the others). */
    private Account account() {
        String email = "throttled-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> user = register(email, anotherAddress()).expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody();
        String token = (String) logIn(email, PASSWORD, anotherAddress()).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody().get("accessToken");
        return new Account((String) user.get("id"), email, "", token);
    }

    private WebTestClient.ResponseSpec changePassword(String token, String currentPassword, String address) {
        return client.post().uri("/auth/password").header("X-Forwarded-For", address).headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", currentPassword, "newPassword", "another long password 1")).exchange();
    }

    private WebTestClient.ResponseSpec refresh(String token, String address) {
        return client.post().uri("/auth/refresh").header("X-Forwarded-For", address).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", token)).exchange();
    }

    private WebTestClient.ResponseSpec register(String email, String address) {
        return client.post().uri("/auth/register").header("X-Forwarded-For", address).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange();
    }

    /** A client address of a documentation range (TEST-NET-3) nobody else in this class uses. */
    private static String anotherAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0." + (n / 250) + "." + (1 + n % 250);
    }

    private static EntityExchangeResult<Map<String, Object>> refused(WebTestClient.ResponseSpec response) {
        EntityExchangeResult<Map<String, Object>> refused = response.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody(JSON_OBJECT).returnResult();
        assertThat(refused.getResponseBody()).containsEntry("message", refused.getResponseBody().get("detail"));
        return refused;
    }
}
