package parley.domain.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** The secret half of a refresh token: 256 random bits as unpadded URL-safe base64 (43 characters). */
public final class RefreshSecret {

    public static final int TEXT_LENGTH = 43;
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private RefreshSecret(String value) {
        this.value = value;
    }

    public static RefreshSecret generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new RefreshSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Only the exact form {@link #generate} produces; anything else (padding, other alphabets, other lengths) is empty. */
    public static Optional<RefreshSecret> parse(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!urlSafe) {
                return Optional.empty();
            }
        }
        byte[] decoded = Base64.getUrlDecoder().decode(text);
        // 43 characters hold 258 bits; only the encoding of 32 bytes (the last 2 bits zero) round-trips
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(text)) {
            return Optional.empty();
        }
        return Optional.of(new RefreshSecret(text));
    }

    public String value() {
        return value;
    }

    public SecretHash hash() {
        try {
            return SecretHash.of(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RefreshSecret secret && hash().matches(secret.hash());
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash());
    }

    @Override
    public String toString() {
        return "RefreshSecret[…]";
    }
}
