package parley.domain.shared;

/**
 * Rules for human-written text fields: lengths count Unicode code points (an emoji is one
 * character), control characters are refused except the ones a field explicitly allows, and
 * unpaired surrogates (which cannot be encoded as UTF-8) are refused everywhere.
 */
public final class Text {

    private Text() {
    }

    /**
     * Trims {@code raw} and checks its length and characters.
     *
     * @param allowLineBreaks whether newline and tab are allowed (message bodies) or not (names)
     */
    public static String require(String field, String raw, int min, int max, boolean allowLineBreaks) {
        if (raw == null) {
            throw new InvalidValueException(field, "is required");
        }
        String value = raw.strip();
        checkCharacters(field, value, allowLineBreaks);
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            throw new InvalidValueException(field, min == 1 ? "must not be blank" : "must be at least " + min + " characters");
        }
        if (length > max) {
            throw new InvalidValueException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    /** Like {@link #require} but {@code null} or blank input gives {@code null}. */
    public static String optional(String field, String raw, int max, boolean allowLineBreaks) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return require(field, raw, 1, max, allowLineBreaks);
    }

    /**
     * Refuses control characters (C0 and C1; newline and tab only when allowed) and unpaired
     * surrogates, for values that have rules of their own for length and form (addresses, URLs).
     */
    public static void checkCharacters(String field, String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidValueException(field, "contains an unpaired surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidValueException(field, "contains an unpaired surrogate");
            }
            if (Character.isISOControl(c) && !(allowLineBreaks && (c == '\n' || c == '\t'))) {
                throw new InvalidValueException(field, "contains a control character (U+%04X)".formatted((int) c));
            }
        }
    }
}
