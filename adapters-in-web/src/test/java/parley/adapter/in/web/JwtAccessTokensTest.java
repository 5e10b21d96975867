package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import parley.application.fake.MutableClock;
import parley.application.model.AccessToken;
import parley.domain.user.UserId;

class JwtAccessTokensTest {

    static final String SECRET = "a-secret-of-exactly-thirty-two-b";
    static final UserId ADA = UserId.of("01J9Z8Q6W4T5N3B2V1C0X9Y8Z7");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final JwtAccessTokens tokens = new JwtAccessTokens(settings(SECRET, "parley"), clock);

    static AuthSettings settings(String secret, String issuer) {
        return new AuthSettings(secret, issuer, Duration.ofHours(1), Duration.ofSeconds(30), java.util.List.of());
    }

    @Test
    void anIssuedTokenSpeaksForItsUser() {
        AccessToken token = tokens.issue(ADA);

        assertThat(tokens.verify(token.value())).contains(ADA);
        assertThat(token.expiresIn()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aSessionsTokenCarriesItsIdAsSidAndItsExpiry() throws Exception {
        parley.domain.session.SessionId session = parley.domain.session.SessionId.of("01J9Z8Q6W4T5N3B2V1C0X9Y8Z8");
        AccessToken token = tokens.issue(ADA, session);

        assertThat(SignedJWT.parse(token.value()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(session.value());
        assertThat(tokens.check(token.value())).hasValueSatisfying(caller -> {
            assertThat(caller.userId()).isEqualTo(ADA);
            assertThat(caller.sessionId()).isEqualTo(session);
            assertThat(caller.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        });
        assertThat(tokens.check(tokens.issue(ADA).value())).hasValueSatisfying(caller -> assertThat(caller.session()).isEmpty());
        assertThat(tokens.longestValidity()).isEqualTo(Duration.ofHours(1).plusSeconds(30));
    }

    @Test
    void aSignedTokenWhoseSidIsNoSessionIdIsRefused() {
        JWTClaimsSet base = CraftedTokens.validClaims("parley", ADA.value(), clock.instant());

        assertThat(tokens.check(CraftedTokens.signed(JWSAlgorithm.HS256, SECRET, new JWTClaimsSet.Builder(base).claim("sid", "nope").build())))
                .isEmpty();
        assertThat(tokens.check(CraftedTokens.signed(JWSAlgorithm.HS256, SECRET, new JWTClaimsSet.Builder(base).claim("sid", 42).build())))
                .isEmpty();
    }

    @Test
    void anIssuedTokenIsAnHs256JwtWithIssuerSubjectIssuedAtAndExpiry() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.issue(ADA).value());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("parley");
        assertThat(claims.getSubject()).isEqualTo(ADA.value());
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(clock.instant()));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(clock.instant().plus(Duration.ofHours(1))));
    }

    @Nested
    class Expiry {

        @Test
        void aTokenIsValidUntilItsLifetimeIsOver() {
            String token = tokens.issue(ADA).value();
            clock.advance(Duration.ofMinutes(59));

            assertThat(tokens.verify(token)).contains(ADA);
        }

        @Test
        void anExpiredTokenIsRefused() {
            String token = tokens.issue(ADA).value();
            clock.advance(Duration.ofHours(1).plusSeconds(31));

            assertThat(tokens.verify(token)).isEmpty();
        }

        @Test
        void aTokenJustPastExpiryPassesWithinTheClockSkew() {
            String token = tokens.issue(ADA).value();
            clock.advance(Duration.ofHours(1).plusSeconds(20));

            assertThat(tokens.verify(token)).contains(ADA);
        }

        @Test
        void aTokenNotValidBeforeALaterTimeIsRefusedUntilThen() {
            Instant now = clock.instant();
            JWTClaimsSet claims = new JWTClaimsSet.Builder(CraftedTokens.validClaims("parley", ADA.value(), now))
                    .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))
                    .build();
            String token = CraftedTokens.signed(JWSAlgorithm.HS256, SECRET, claims);

            assertThat(tokens.verify(token)).isEmpty();
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            assertThat(tokens.verify(token)).contains(ADA);
        }
    }

    @Nested
    class Forgeries {

        @Test
        void aTokenFromAnotherIssuerIsRefused() {
            String foreign = new JwtAccessTokens(settings(SECRET, "someone-else"), clock).issue(ADA).value();

            assertThat(tokens.verify(foreign)).isEmpty();
        }

        @Test
        void aTokenSignedWithAnotherKeyIsRefused() {
            String foreign = new JwtAccessTokens(settings("another-secret-of-thirty-two-byte", "parley"), clock).issue(ADA).value();

            assertThat(tokens.verify(foreign)).isEmpty();
        }

        @Test
        void anUnsecuredTokenWithAlgNoneIsRefused() {
            String unsecured = CraftedTokens.unsecured(CraftedTokens.validClaims("parley", ADA.value(), clock.instant()));

            assertThat(tokens.verify(unsecured)).isEmpty();
        }

        @Test
        void aTokenSignedWithHs512AndTheRightSecretIsRefusedBecauseTheAlgorithmIsPinned() {
            String secret64 = SECRET + SECRET; // HS512 needs 64 bytes; the first 32 are ours
            JwtAccessTokens withLongKey = new JwtAccessTokens(settings(secret64, "parley"), clock);
            String hs512 = CraftedTokens.signed(JWSAlgorithm.HS512, secret64, CraftedTokens.validClaims("parley", ADA.value(), clock.instant()));
            String hs256 = CraftedTokens.signed(JWSAlgorithm.HS256, secret64, CraftedTokens.validClaims("parley", ADA.value(), clock.instant()));

            assertThat(withLongKey.verify(hs512)).isEmpty();
            assertThat(withLongKey.verify(hs256)).contains(ADA);
        }

        @Test
        void aTokenWhoseClaimsWereChangedAfterSigningIsRefused() {
            String genuine = tokens.issue(ADA).value();
            UserId mallory = UserId.of("01J9Z8Q6W4T5N3B2V1C0X9Y8Z8");
            String tampered = CraftedTokens.withClaims(genuine, CraftedTokens.validClaims("parley", mallory.value(), clock.instant()));

            assertThat(tokens.verify(tampered)).isEmpty();
        }

        @Test
        void aTokenWhoseSubjectIsNotAUserIdIsRefused() {
            String token = CraftedTokens.signed(JWSAlgorithm.HS256, SECRET, CraftedTokens.validClaims("parley", "not-a-ulid", clock.instant()));

            assertThat(tokens.verify(token)).isEmpty();
        }

        @Test
        void aTokenWithoutExpiryIsRefused() {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("parley").subject(ADA.value())
                    .issueTime(Date.from(clock.instant())).build();

            assertThat(tokens.verify(CraftedTokens.signed(JWSAlgorithm.HS256, SECRET, claims))).isEmpty();
        }

        @Test
        void garbageIsRefused() {
            assertThat(tokens.verify("garbage")).isEmpty();
            assertThat(tokens.verify("a.b.c")).isEmpty();
            assertThat(tokens.verify("")).isEmpty();
            assertThat(tokens.verify(null)).isEmpty();
            assertThat(tokens.verify("x".repeat(10_000))).isEmpty();
        }
    }

    @Nested
    class Configuration {

        @Test
        void aMissingSecretIsRefusedWithTheSettingToFix() {
            assertThatThrownBy(() -> new JwtAccessTokens(settings(null, "parley"), clock))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("parley.auth.jwt-secret is not set")
                    .hasMessageContaining("PARLEY_AUTH_JWT_SECRET")
                    .hasMessageContaining("at least 32 bytes");
        }

        @Test
        void aSecretShorterThan256BitsIsRefusedWithoutRevealingIt() {
            String shortSecret = "thirty-one-bytes-long-secret-01";

            assertThatThrownBy(() -> new JwtAccessTokens(settings(shortSecret, "parley"), clock))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("parley.auth.jwt-secret is too short (31 bytes)")
                    .hasMessageContaining("at least 32 bytes")
                    .hasMessageNotContaining(shortSecret);
        }

        @Test
        void theSecretIsMeasuredInUtf8Bytes() {
            String sixteenCharactersOf32Bytes = "é".repeat(16);

            assertThat(new JwtAccessTokens(settings(sixteenCharactersOf32Bytes, "parley"), clock).issue(ADA)).isNotNull();
        }

        @Test
        void settingsNeverPrintTheSecret() {
            assertThat(settings(SECRET, "parley").toString()).doesNotContain(SECRET);
        }
    }
}
