package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import parley.application.fake.InMemoryUserStore;
import parley.application.fake.MutableClock;
import parley.domain.user.UserId;

class AuthEndpointsTest extends WebTest {

    @Autowired
    AuthSettings settings;
    @Autowired
    MutableClock clock;
    @Autowired
    InMemoryUserStore users;

    static String uniqueEmail() {
        return "someone-" + UUID.randomUUID() + "@example.com";
    }

    WebTestClient.ResponseSpec register(Object body) {
        return client.post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec logIn(Object body) {
        return client.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Nested
    class Registering {

        @Test
        void createsTheAccountAndAnswers201WithIdEmailAndDisplayName() {
            String email = uniqueEmail();

            Map<String, Object> user = register(Map.of("email", email, "password", PASSWORD, "displayName", "Ada"))
                    .expectStatus().isCreated()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(user).containsOnlyKeys("id", "email", "displayName")
                    .containsEntry("email", email)
                    .containsEntry("displayName", "Ada");
            assertThat(UserId.of((String) user.get("id"))).isNotNull();
        }

        @Test
        void normalisesTheEmailToLowerCaseAndDefaultsTheDisplayNameToItsLocalPart() {
            String local = "Grace-" + UUID.randomUUID();

            Map<String, Object> user = register(Map.of("email", local + "@Example.COM", "password", PASSWORD))
                    .expectStatus().isCreated()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(user).containsEntry("email", local.toLowerCase() + "@example.com")
                    .containsEntry("displayName", local.toLowerCase());
        }

        @Test
        void anAddressRegisteredAlreadyIsAConflict() {
            String email = uniqueEmail();
            register(Map.of("email", email, "password", PASSWORD)).expectStatus().isCreated().expectBody().returnResult();

            expectProblem(register(Map.of("email", email.toUpperCase(), "password", PASSWORD)), HttpStatus.CONFLICT, "EMAIL_TAKEN");
        }

        @Test
        void everyInvalidFieldIsReportedAtOnce() {
            Map<String, Object> problem = expectProblem(
                    register(Map.of("email", "not-an-address", "password", "short", "displayName", " ")),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("email", "password", "displayName");
        }

        @Test
        void missingEmailAndPasswordAreBothReported() {
            Map<String, Object> problem = expectProblem(register(Map.of()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsEntry("email", "is required").containsEntry("password", "is required");
        }

        @Test
        void aPasswordOfMoreThan100CharactersIsRefused() {
            Map<String, Object> problem = expectProblem(
                    register(Map.of("email", uniqueEmail(), "password", "p".repeat(101))), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("password");
        }

        @Test
        void aNumberWhereTextBelongsIsRefusedNamingTheField() {
            Map<String, Object> problem = expectProblem(
                    register(Map.of("email", uniqueEmail(), "password", 12345678, "displayName", true)),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsEntry("password", "must be a string").containsEntry("displayName", "must be a string");
        }

        @Test
        void anUnknownFieldIsRefusedNamingIt() {
            Map<String, Object> problem = expectProblem(
                    register(Map.of("email", uniqueEmail(), "password", PASSWORD, "displayname", "typo")),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnly(Map.entry("displayname", "is not a known field"));
        }

        @Test
        void malformedJsonIsReportedAsSuch() {
            expectProblem(register("{\"email\": \"a@b.c\", "), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
        }

        @Test
        void aMissingBodyIsAValidationFailure() {
            Map<String, Object> problem = expectProblem(
                    client.post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON).exchange(),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("body");
        }

        @Test
        void aBodyThatIsNotAnObjectIsAValidationFailure() {
            Map<String, Object> problem = expectProblem(register("[\"a@b.c\"]"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnly(Map.entry("body", "must be a JSON object"));
        }

        @Test
        void aBodyThatIsNotJsonByContentTypeIsUnsupported() {
            expectProblem(
                    client.post().uri("/auth/register").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .bodyValue("email=a%40b.c&password=secret123").exchange(),
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        }
    }

    @Nested
    class LoggingIn {

        @Test
        void answersABearerTokenWithItsLifetimeInSecondsThatNoCacheMayKeep() {
            Account account = newAccount();

            Map<String, Object> token = logIn(Map.of("email", account.email(), "password", PASSWORD))
                    .expectStatus().isOk()
                    .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(token).containsOnlyKeys("accessToken", "tokenType", "expiresIn", "refreshToken", "refreshExpiresIn")
                    .containsEntry("tokenType", "Bearer")
                    .containsEntry("expiresIn", (int) settings.tokenLifetime().toSeconds());
            client.get().uri("/auth/me").headers(bearer((String) token.get("accessToken"))).exchange().expectStatus().isOk().expectBody().returnResult();
        }

        @Test
        void theEmailIsMatchedWhateverItsCase() {
            Account account = newAccount();

            logIn(Map.of("email", account.email().toUpperCase(), "password", PASSWORD)).expectStatus().isOk().expectBody().returnResult();
        }

        @Test
        void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
            Account account = newAccount();

            Map<String, Object> wrongPassword = expectProblem(
                    logIn(Map.of("email", account.email(), "password", PASSWORD + "!")), HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS");
            Map<String, Object> unknownEmail = expectProblem(
                    logIn(Map.of("email", uniqueEmail(), "password", PASSWORD)), HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS");

            assertThat(wrongPassword).isEqualTo(unknownEmail);
        }

        @Test
        void missingCredentialsAreBothReported() {
            Map<String, Object> problem = expectProblem(logIn(Map.of("email", "", "password", "")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("email", "password");
        }

        @Test
        void anUnknownFieldIsRefused() {
            Account account = newAccount();

            Map<String, Object> problem = expectProblem(
                    logIn(Map.of("email", account.email(), "password", PASSWORD, "remember", "yes")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("remember");
        }
    }

    @Nested
    class WhoAmI {

        @Test
        void answersTheAccountOfTheToken() {
            Account account = newAccount("Grace");

            Map<String, Object> me = client.get().uri("/auth/me").headers(bearer(account)).exchange()
                    .expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(me).containsExactlyInAnyOrderEntriesOf(Map.of("id", account.id(), "email", account.email(), "displayName", "Grace"));
        }

        @Test
        void anAccountDeletedAfterLogInIsNotFound() {
            Account account = newAccount();
            users.delete(UserId.of(account.id()));

            expectProblem(client.get().uri("/auth/me").headers(bearer(account)).exchange(), HttpStatus.NOT_FOUND, "USER_NOT_FOUND");
        }
    }

    /** Every way a token can be wrong ends in the same 401 with a WWW-Authenticate challenge. */
    @Nested
    class Unauthenticated {

        WebTestClient.ResponseSpec meWith(String authorization) {
            return client.get().uri("/auth/me").headers(headers -> {
                if (authorization != null) {
                    headers.set(HttpHeaders.AUTHORIZATION, authorization);
                }
            }).exchange();
        }

        void expectUnauthorized(WebTestClient.ResponseSpec response) {
            expectProblem(response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        }

        @Test
        void withoutAToken() {
            expectUnauthorized(meWith(null));
        }

        @Test
        void withAnotherScheme() {
            expectUnauthorized(meWith("Basic dXNlcjpwYXNz"));
        }

        @Test
        void withGarbage() {
            expectUnauthorized(meWith("Bearer not.a.jwt"));
        }

        @Test
        void withATamperedToken() {
            Account victim = newAccount();
            Account mallory = newAccount();
            String tampered = CraftedTokens.withClaims(mallory.token(),
                    CraftedTokens.validClaims(settings.issuer(), victim.id(), clock.instant()));

            expectUnauthorized(meWith("Bearer " + tampered));
        }

        @Test
        void withAnExpiredToken() {
            Account account = newAccount();
            InstantSource twoHoursAgo = InstantSource.fixed(clock.instant().minus(Duration.ofHours(2)));
            String expired = new JwtAccessTokens(settings, twoHoursAgo).issue(UserId.of(account.id())).value();

            expectUnauthorized(meWith("Bearer " + expired));
        }

        @Test
        void withAnUnsecuredAlgNoneToken() {
            Account account = newAccount();
            String unsecured = CraftedTokens.unsecured(CraftedTokens.validClaims(settings.issuer(), account.id(), clock.instant()));

            expectUnauthorized(meWith("Bearer " + unsecured));
        }

        @Test
        void withAnHs512TokenSignedWithTheServerSecret() {
            Account account = newAccount();
            String hs512 = CraftedTokens.signed(JWSAlgorithm.HS512, settings.jwtSecret(),
                    CraftedTokens.validClaims(settings.issuer(), account.id(), clock.instant()));

            expectUnauthorized(meWith("Bearer " + hs512));
        }

        @Test
        void aValidTokenIsAcceptedWhateverTheCaseOfTheScheme() {
            Account account = newAccount();

            meWith("bearer " + account.token()).expectStatus().isOk().expectBody().returnResult();
        }
    }
}
