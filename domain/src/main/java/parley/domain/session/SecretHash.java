package parley.domain.session;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of a refresh secret: all a session keeps of it. A fast hash is enough, as the secret
 * is 256 random bits (nothing to guess); comparisons take constant time all the same.
 */
public final class SecretHash {

    public static final int LENGTH = 32;

    private final byte[] bytes;

    private SecretHash(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SecretHash of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a secret hash is " + LENGTH + " bytes, not " + bytes.length);
        }
        return new SecretHash(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** In constant time: how much of a hash matched must not leak through the answer's timing. */
    public boolean matches(SecretHash other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretHash hash && matches(hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        // a prefix is enough to tell hashes apart in a test report, and useless for anything else
        return "SecretHash[" + HexFormat.of().formatHex(bytes, 0, 4) + "…]";
    }
}
