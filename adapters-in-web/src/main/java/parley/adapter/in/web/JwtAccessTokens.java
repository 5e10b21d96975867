package parley.adapter.in.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.application.model.AccessToken;
import parley.application.model.Caller;
import parley.application.port.out.AccessTokens;
import parley.domain.session.SessionId;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;

/**
 * Access tokens as HS256-signed JWTs. The algorithm is pinned: a token whose header names any
 * other algorithm ({@code none}, HS512, RS256 …) is refused before its signature is even looked
 * at, which closes the classic "choose your own algorithm" forgeries.
 */
@Component
@DrivenAdapter
final class JwtAccessTokens implements AccessTokens {

    /** HS256 needs a key as long as its hash: 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;
    /** The session a token was issued for; tokens from before sessions have none. */
    static final String SESSION_CLAIM = "sid";
    private static final String HOW_TO_FIX = "set parley.auth.jwt-secret (environment variable PARLEY_AUTH_JWT_SECRET)"
            + " to a random value of at least " + MIN_SECRET_BYTES + " bytes, e.g. the output of `openssl rand -base64 48`";
    /** Far above any token we issue; a longer header is refused without parsing it. */
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final Logger log = LoggerFactory.getLogger(JwtAccessTokens.class);

    private final JWSSigner signer;
    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final Duration lifetime;
    private final Duration clockSkew;
    private final InstantSource clock;

    JwtAccessTokens(AuthSettings settings, InstantSource clock) {
        byte[] secret = requireSecret(settings.jwtSecret());
        if (settings.issuer() == null || settings.issuer().isBlank()) {
            throw new IllegalStateException("parley.auth.issuer must not be blank");
        }
        if (settings.tokenLifetime() == null || settings.tokenLifetime().isNegative() || settings.tokenLifetime().isZero()) {
            throw new IllegalStateException("parley.auth.token-lifetime must be positive, e.g. 1h");
        }
        if (settings.clockSkew() == null || settings.clockSkew().isNegative()) {
            throw new IllegalStateException("parley.auth.clock-skew must not be negative, e.g. 30s");
        }
        this.issuer = settings.issuer();
        this.lifetime = settings.tokenLifetime();
        this.clockSkew = settings.clockSkew();
        this.clock = clock;
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException("parley.auth.jwt-secret cannot be used: " + HOW_TO_FIX, e);
        }
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHM, new ImmutableSecret<>(secret)));
        ClockedClaimsVerifier verifier = new ClockedClaimsVerifier(
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.ISSUED_AT, JWTClaimNames.EXPIRATION_TIME),
                clock);
        verifier.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(verifier);
    }

    @Override
    public AccessToken issue(UserId userId) {
        return issue(userId, (SessionId) null);
    }

    @Override
    public AccessToken issue(UserId userId, SessionId sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        if (sessionId != null) {
            builder.claim(SESSION_CLAIM, sessionId.value());
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), lifetime);
    }

    @Override
    public Optional<Caller> check(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Object sid = claims.getClaim(SESSION_CLAIM);
            if (sid != null && !(sid instanceof String)) {
                throw new ParseException("sid is not a string", 0);
            }
            return Optional.of(new Caller(UserId.of(claims.getSubject()), sid == null ? null : SessionId.of((String) sid),
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | InvalidValueException e) {
            // the reason only, never the token: a log line must not be a credential
            log.debug("refused an access token: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Duration longestValidity() {
        return lifetime.plus(clockSkew);
    }

    private static byte[] requireSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("parley.auth.jwt-secret is not set: " + HOW_TO_FIX);
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("parley.auth.jwt-secret is too short (" + bytes.length + " bytes): " + HOW_TO_FIX);
        }
        return bytes;
    }

    /** Checks {@code exp} and {@code nbf} against the application's clock rather than the JVM's. */
    private static final class ClockedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final InstantSource clock;

        ClockedClaimsVerifier(JWTClaimsSet exactMatchClaims, Set<String> requiredClaims, InstantSource clock) {
            super(exactMatchClaims, requiredClaims);
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
