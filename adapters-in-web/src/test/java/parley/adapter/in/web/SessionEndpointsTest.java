package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import parley.application.fake.InMemoryRevocationList;
import parley.application.fake.InMemorySessionStore;
import parley.application.fake.MutableClock;
import parley.domain.session.RefreshSecret;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.session.UserAgent;
import parley.domain.user.UserId;

/** Issue 16: refresh tokens, logout, the session list, revocation and password change over REST. */
class SessionEndpointsTest extends WebTest {

    @Autowired
    SessionSettings settings;
    @Autowired
    InMemorySessionStore sessions;
    @Autowired
    InMemoryRevocationList revocations;
    @Autowired
    MutableClock clock;

    /** A login's answer. */
    record Tokens(String access, String refresh, Map<String, Object> body) {
        String sessionId() {
            return refresh.substring(0, refresh.indexOf('.'));
        }
    }

    Tokens signIn(Account account) {
        return signIn(account, "JUnit");
    }

    Tokens signIn(Account account, String userAgent) {
        Map<String, Object> body = client.post().uri("/auth/login")
                .header(HttpHeaders.USER_AGENT, userAgent)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", account.email(), "password", PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return new Tokens((String) body.get("accessToken"), (String) body.get("refreshToken"), body);
    }

    WebTestClient.ResponseSpec refresh(Object body) {
        // deliberately without an access token: refreshing is public
        return client.post().uri("/auth/refresh").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec refreshWith(String refreshToken) {
        return refresh(Map.of("refreshToken", refreshToken));
    }

    Tokens refreshed(String refreshToken) {
        Map<String, Object> body = refreshWith(refreshToken).expectStatus().isOk()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return new Tokens((String) body.get("accessToken"), (String) body.get("refreshToken"), body);
    }

    WebTestClient.ResponseSpec me(String accessToken) {
        return client.get().uri("/auth/me").headers(bearer(accessToken)).exchange();
    }

    void works(String accessToken) {
        me(accessToken).expectStatus().isOk().expectBody().returnResult();
    }

    void refused(String accessToken) {
        expectProblem(me(accessToken).expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    WebTestClient.ResponseSpec post(String path, String accessToken) {
        return client.post().uri(path).headers(bearer(accessToken)).exchange();
    }

    List<Map<String, Object>> sessionList(String accessToken) {
        return client.get().uri("/auth/sessions").headers(bearer(accessToken)).exchange()
                .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult().getResponseBody();
    }

    @Nested
    class LoggingIn {

        @Test
        void answersARefreshTokenOfTheConfiguredLifetimeAndAnAccessTokenNamingTheSession() throws Exception {
            Tokens tokens = signIn(newAccount());

            assertThat(tokens.body()).containsEntry("refreshExpiresIn", (int) settings.refreshLifetime().toSeconds());
            assertThat(settings.refreshLifetime()).isEqualTo(Duration.ofDays(30));
            assertThat(tokens.refresh()).matches("[0-9A-Z]{26}\\.[A-Za-z0-9_-]{43}");
            assertThat(SignedJWT.parse(tokens.access()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(tokens.sessionId());
        }

        @Test
        void theSessionKeepsOnlyAHashOfTheSecret() {
            Tokens tokens = signIn(newAccount());
            Session stored = sessions.find(SessionId.of(tokens.sessionId()));
            String secret = tokens.refresh().substring(27);

            assertThat(stored.currentSecret()).isEqualTo(RefreshSecret.parse(secret).orElseThrow().hash());
            assertThat(stored.toString()).doesNotContain(secret);
        }
    }

    @Nested
    class Refreshing {

        @Test
        void givesTheLoginShapeForTheSameSessionWithoutAnAccessToken() {
            Account account = newAccount();
            Tokens first = signIn(account);

            Tokens second = refreshed(first.refresh());

            assertThat(second.body()).containsOnlyKeys("accessToken", "tokenType", "expiresIn", "refreshToken", "refreshExpiresIn")
                    .containsEntry("tokenType", "Bearer");
            assertThat(second.sessionId()).isEqualTo(first.sessionId());
            assertThat(second.refresh()).isNotEqualTo(first.refresh());
            works(second.access());
            works(first.access());
        }

        @Test
        void aRefreshTokenUsedTwiceRevokesItsSession() {
            Tokens first = signIn(newAccount());
            refreshed(first.refresh());

            expectProblem(refreshWith(first.refresh()), HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED");

            refused(first.access());
        }

        /** The stolen-token case: the thief's late use ends the session for the legitimate user as well. */
        @Test
        void aStolenRefreshTokenUsedAfterTheLegitimateRefreshEndsTheSessionForBoth() {
            Tokens victim = signIn(newAccount());
            String stolen = victim.refresh();
            Tokens legitimate = refreshed(victim.refresh());
            works(legitimate.access());

            expectProblem(refreshWith(stolen), HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED");

            refused(legitimate.access());
            expectProblem(refreshWith(legitimate.refresh()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
            expectProblem(refreshWith(stolen), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
            assertThat(revocations.denies(SessionId.of(victim.sessionId()))).isTrue();
        }

        @Test
        void anExpiredSessionIsPlainlyUnauthorizedAndNotRevoked() {
            Account account = newAccount();
            RefreshSecret secret = RefreshSecret.generate();
            // a session whose 30 days ended a day ago (the shared clock is not moved: other tests' tokens would expire)
            Session expired = sessions.insert(Session.start(SessionId.of(ids.nextUlid()), UserId.of(account.id()), secret.hash(),
                    UserAgent.UNKNOWN, clock.instant().minus(Duration.ofDays(31)), Duration.ofDays(30))).block();

            expectProblem(refreshWith(expired.id().value() + "." + secret.value()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
            assertThat(sessions.find(expired.id()).isRevoked()).isFalse();
        }

        @Test
        void aLoggedOutSessionsRefreshTokenIsPlainlyUnauthorized() {
            Tokens tokens = signIn(newAccount());
            post("/auth/logout", tokens.access()).expectStatus().isNoContent();

            expectProblem(refreshWith(tokens.refresh()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        }

        @Test
        void anotherUsersSessionIdWithOnesOwnSecretIsUnauthorizedAndHarmsNeither() {
            Tokens mine = signIn(newAccount());
            Tokens theirs = signIn(newAccount());
            String forged = theirs.sessionId() + mine.refresh().substring(26);

            expectProblem(refreshWith(forged), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");

            works(theirs.access());
            refreshed(mine.refresh());
            refreshed(theirs.refresh());
        }

        @Test
        void malformedRefreshTokensArePlainlyUnauthorized() {
            Tokens real = signIn(newAccount());
            String secret = real.refresh().substring(27);
            for (String malformed : List.of("", "no-dot-at-all", real.sessionId(), real.sessionId() + ".", "." + secret,
                    real.sessionId() + ".!!!not*base64!!!", real.sessionId() + "." + secret + "=", real.sessionId() + "." + secret + "." + secret,
                    "not-a-ulid." + secret, real.sessionId().toLowerCase() + ".AAAA", real.sessionId() + "." + "A".repeat(43),
                    real.refresh() + "x".repeat(20_000), "é".repeat(500))) {
                expectProblem(refreshWith(malformed), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
            }
            refreshed(real.refresh());
        }

        @Test
        void theBodyIsReadStrictly() {
            assertThat(fieldErrors(expectProblem(refresh(Map.of()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                    .containsOnly(Map.entry("refreshToken", "is required"));
            assertThat(fieldErrors(expectProblem(refresh(Map.of("refreshToken", 42)), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                    .containsOnly(Map.entry("refreshToken", "must be a string"));
            assertThat(fieldErrors(expectProblem(refresh(Map.of("refreshToken", "a.b", "accessToken", "x")), HttpStatus.BAD_REQUEST,
                    "VALIDATION_FAILED"))).containsOnly(Map.entry("accessToken", "is not a known field"));
            expectProblem(refresh("{\"refreshToken\": "), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
            expectProblem(refresh("[]"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        }
    }

    @Nested
    class LoggingOut {

        @Test
        void endsTheCurrentSessionOnly() {
            Account account = newAccount();
            Tokens phone = signIn(account);
            Tokens laptop = signIn(account);

            post("/auth/logout", phone.access()).expectStatus().isNoContent().expectBody().isEmpty();

            refused(phone.access());
            works(laptop.access());
        }

        @Test
        void everywhereEndsEverySessionOfTheCaller() {
            Account account = newAccount();
            Account other = newAccount();
            Tokens phone = signIn(account);
            Tokens laptop = signIn(account);
            Tokens others = signIn(other);

            post("/auth/logout-all", laptop.access()).expectStatus().isNoContent().expectBody().isEmpty();

            refused(phone.access());
            refused(laptop.access());
            works(others.access());
            expectProblem(refreshWith(phone.refresh()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        }

        @Test
        void needsAnAccessToken() {
            expectProblem(client.post().uri("/auth/logout").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
            expectProblem(client.post().uri("/auth/logout-all").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
            expectProblem(client.get().uri("/auth/sessions").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        }

        @Test
        void aTokenWithoutASessionStaysValidUntilItExpires() {
            Account account = newAccount();
            Tokens session = signIn(account);

            post("/auth/logout-all", session.access()).expectStatus().isNoContent();

            refused(session.access());
            works(tokens.issue(UserId.of(account.id())).value());
        }
    }

    @Autowired
    parley.application.port.out.AccessTokens tokens;

    @Autowired
    parley.application.fake.SequentialIdGenerator ids;

    /** The session an access token names (newAccount() signs in too, so every account starts with one). */
    static String sid(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class TheSessionList {

        @Test
        void listsTheCallersActiveSessionsNewestFirstWithTheCurrentOneMarked() {
            Account account = newAccount();
            Tokens phone = signIn(account, "Phone/1.0");
            Tokens laptop = signIn(account, "Laptop/2.0");
            Tokens ended = signIn(account, "Ended/3.0");
            post("/auth/logout", ended.access()).expectStatus().isNoContent();
            signIn(newAccount(), "Someone else");

            List<Map<String, Object>> list = sessionList(phone.access());

            assertThat(list).allSatisfy(entry -> assertThat(entry).containsOnlyKeys("id", "createdAt", "lastUsedAt", "userAgent", "current"));
            assertThat(list).extracting(entry -> entry.get("id"))
                    .containsExactlyInAnyOrder(phone.sessionId(), laptop.sessionId(), sid(account.token()));
            assertThat(list).filteredOn(entry -> Boolean.TRUE.equals(entry.get("current"))).singleElement()
                    .satisfies(entry -> assertThat(entry).containsEntry("id", phone.sessionId()).containsEntry("userAgent", "Phone/1.0"));
        }

        @Test
        void aHugeUserAgentIsStoredCutToTheBound() {
            Tokens tokens = signIn(newAccount(), "A".repeat(5000));

            assertThat(sessionList(tokens.access())).filteredOn(entry -> entry.get("id").equals(tokens.sessionId())).singleElement()
                    .satisfies(entry -> assertThat((String) entry.get("userAgent")).isEqualTo("A".repeat(UserAgent.MAX_LENGTH)));
        }
    }

    @Nested
    class RevokingASession {

        @Test
        void revokesOneOfTheCallersOwnSessions() {
            Account account = newAccount();
            Tokens phone = signIn(account);
            Tokens laptop = signIn(account);

            client.delete().uri("/auth/sessions/{id}", phone.sessionId()).headers(bearer(laptop.access())).exchange()
                    .expectStatus().isNoContent().expectBody().isEmpty();

            refused(phone.access());
            works(laptop.access());
            assertThat(sessionList(laptop.access())).extracting(entry -> entry.get("id"))
                    .containsExactlyInAnyOrder(laptop.sessionId(), sid(account.token()));
        }

        @Test
        void anotherUsersSessionIsNotFoundLikeAnUnknownOne() {
            Tokens mine = signIn(newAccount());
            Tokens theirs = signIn(newAccount());

            Map<String, Object> foreign = expectProblem(client.delete().uri("/auth/sessions/{id}", theirs.sessionId()).headers(bearer(mine.access()))
                    .exchange(), HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND");
            Map<String, Object> unknown = expectProblem(client.delete().uri("/auth/sessions/{id}", ids.nextUlid()).headers(bearer(mine.access()))
                    .exchange(), HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND");

            works(theirs.access());
            assertThat(foreign.get("title")).isEqualTo(unknown.get("title"));
        }

        @Test
        void aMalformedIdIsAValidationFailure() {
            Tokens mine = signIn(newAccount());

            expectProblem(client.delete().uri("/auth/sessions/not-a-ulid").headers(bearer(mine.access())).exchange(),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        }
    }

    @Nested
    class ChangingThePassword {

        static final String NEW_PASSWORD = "an entirely new passphrase";

        WebTestClient.ResponseSpec change(String accessToken, Object body) {
            return client.post().uri("/auth/password").headers(bearer(accessToken)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange();
        }

        @Test
        void answers204KeepsThisSessionAndEndsTheOthers() {
            Account account = newAccount();
            Tokens here = signIn(account);
            Tokens elsewhere = signIn(account);

            change(here.access(), Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)).expectStatus().isNoContent()
                    .expectBody().isEmpty();

            works(here.access());
            refused(elsewhere.access());
            expectProblem(refreshWith(elsewhere.refresh()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
            logIn(account.email(), NEW_PASSWORD);
            expectProblem(client.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", account.email(), "password", PASSWORD)).exchange(), HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS");
        }

        @Test
        void aWrongCurrentPasswordIsRefusedAndChangesNothing() {
            Account account = newAccount();
            Tokens here = signIn(account);
            Tokens elsewhere = signIn(account);

            expectProblem(change(here.access(), Map.of("currentPassword", "not the password", "newPassword", NEW_PASSWORD)),
                    HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS");

            works(elsewhere.access());
            logIn(account.email(), PASSWORD);
        }

        @Test
        void theBodyIsReadStrictlyAndEveryBadFieldReported() {
            Tokens here = signIn(newAccount());

            assertThat(fieldErrors(expectProblem(change(here.access(), Map.of()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                    .containsOnlyKeys("currentPassword", "newPassword");
            assertThat(fieldErrors(expectProblem(change(here.access(), Map.of("currentPassword", PASSWORD, "newPassword", "short")),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED"))).containsOnlyKeys("newPassword");
            assertThat(fieldErrors(expectProblem(change(here.access(), Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD, "x", 1)),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED"))).containsOnlyKeys("x");
        }

        @Test
        void needsAnAccessToken() {
            expectProblem(client.post().uri("/auth/password").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)).exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        }
    }
}
