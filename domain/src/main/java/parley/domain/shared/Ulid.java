package parley.domain.shared;

import java.util.Objects;

/**
 * The textual form of a ULID: 26 characters of Crockford base32, the first at most '7' so the
 * value fits in 128 bits. Generated ULIDs sort by creation time; ids in the ULID form that are
 * derived from other values ({@link #encode}) do not, and nothing may rely on the order of ids
 * (per-room seq orders messages). Generation belongs to an outgoing port; the domain checks the form.
 */
public final class Ulid {

    public static final int LENGTH = 26;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** Indexed by an ASCII character: whether it is a digit of {@link #ALPHABET}. */
    private static final boolean[] DIGIT = new boolean[128];

    static {
        ALPHABET.chars().forEach(c -> DIGIT[c] = true);
    }

    private Ulid() {
    }

    /** Returns the canonical (upper-case) form of {@code value}, or throws naming {@code field}. */
    public static String require(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (value.length() != LENGTH) {
            throw new InvalidValueException(field, "must be a ULID of 26 characters");
        }
        if (isCanonical(value)) {
            return value; // the usual case (ids we generated ourselves): nothing to copy
        }
        // upper-case ASCII by hand: Unicode case mapping would turn 'ß' into "SS" or 'ſ' into 'S'
        char[] canonical = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            char upper = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
            if (upper >= DIGIT.length || !DIGIT[upper]) {
                throw new InvalidValueException(field, "must be a ULID (Crockford base32)");
            }
            canonical[i] = upper;
        }
        if (canonical[0] > '7') {
            throw new InvalidValueException(field, "is not a valid ULID (overflows 128 bits)");
        }
        return new String(canonical);
    }

    private static boolean isCanonical(String value) {
        if (value.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (c >= DIGIT.length || !DIGIT[c]) {
                return false;
            }
        }
        return true;
    }

    /** The 26-character form of the 128-bit value {@code high:low}. */
    public static String encode(long high, long low) {
        char[] text = new char[LENGTH];
        // 130 bits of text for 128 of value: the first character holds the top 3 bits (so it is at most '7')
        for (int i = LENGTH - 1; i >= 0; i--) {
            text[i] = ALPHABET.charAt((int) (low & 31));
            low = (low >>> 5) | (high << 59);
            high >>>= 5;
        }
        return new String(text);
    }

    public static boolean isValid(String value) {
        try {
            require("value", Objects.requireNonNullElse(value, ""));
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }
}
