package parley.reliability.abuse;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Access tokens made in the test: the gateway's own recipe, and every way of getting it wrong. */
final class Tokens {

    private static final KeyPair RSA = rsaKeyPair();

    private Tokens() {
    }

    /** The gateway's claims for a user: iss, sub, iat now, exp in 10 minutes. */
    static JWTClaimsSet.Builder claims(String userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(AbuseStack.ISSUER)
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    /** Signed as the gateway signs: HS256 with its secret. */
    static String valid(String userId) {
        return hs256(AbuseStack.JWT_SECRET.getBytes(StandardCharsets.UTF_8), claims(userId).build());
    }

    static String withClaims(String userId, UnaryOperator<JWTClaimsSet.Builder> change) {
        return hs256(AbuseStack.JWT_SECRET.getBytes(StandardCharsets.UTF_8), change.apply(claims(userId)).build());
    }

    static String hs256(byte[] key, JWTClaimsSet claims) {
        return sign(JWSAlgorithm.HS256, signer(() -> new MACSigner(key)), claims);
    }

    /**
     * HS512 keyed with exactly the gateway's secret, signed by hand (a JOSE library refuses a key
     * shorter than the hash): right key, wrong algorithm.
     */
    static String hs512WithGatewaySecret(String userId) {
        String header = base64Url("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
        String payload = base64Url(claims(userId).build().toString());
        String signingInput = header + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(AbuseStack.JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rs256(String userId) {
        return sign(JWSAlgorithm.RS256, signer(() -> new RSASSASigner(RSA.getPrivate())), claims(userId).build());
    }

    /** HS256 keyed with the bytes of an RSA public key: the classic algorithm-confusion forgery. */
    static String hs256WithPublicKeyBytes(String userId) {
        return hs256(RSA.getPublic().getEncoded(), claims(userId).build());
    }

    static String unsigned(String userId) {
        return new PlainJWT(claims(userId).build()).serialize();
    }

    /** A valid token's payload and signature under a header saying {@code "alg":"none"}. */
    static String algNoneHeaderOverValidSignature(String userId) {
        String[] parts = valid(userId).split("\\.");
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + parts[1] + "." + parts[2];
    }

    /** A valid token whose payload was swapped for another user's, keeping the signature. */
    static String tampered(String userId, String otherUserId) {
        String[] parts = valid(userId).split("\\.");
        String[] other = valid(otherUserId).split("\\.");
        return parts[0] + "." + other[1] + "." + parts[2];
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private interface SignerFactory {
        JWSSigner create() throws JOSEException;
    }

    private static JWSSigner signer(SignerFactory factory) {
        try {
            return factory.create();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
