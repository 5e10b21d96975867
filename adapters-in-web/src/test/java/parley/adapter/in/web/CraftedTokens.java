package parley.adapter.in.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Tokens an attacker or a broken client could send, made by hand with nimbus. */
final class CraftedTokens {

    private CraftedTokens() {
    }

    static JWTClaimsSet validClaims(String issuer, String subject, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build();
    }

    /** Signed with {@code secret} under any HMAC algorithm. */
    static String signed(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured JWT: {@code alg: none} and an empty signature. */
    static String unsecured(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString()
                + "." + Base64URL.encode(claims.toString()).toString() + ".";
    }

    /** {@code token} with its claims swapped for {@code claims} and the original signature kept. */
    static String withClaims(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
