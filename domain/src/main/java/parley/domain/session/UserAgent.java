package parley.domain.session;

/**
 * What a client said it was when it signed in, as a hint for the session list. Any text is
 * accepted, made safe to show: control characters become spaces and it is cut to
 * {@link #MAX_LENGTH} characters (never inside a surrogate pair).
 */
public record UserAgent(String value) {

    public static final int MAX_LENGTH = 256;
    public static final UserAgent UNKNOWN = new UserAgent("");

    public UserAgent {
        value = clean(value);
    }

    public static UserAgent of(String text) {
        return new UserAgent(text);
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        // cut far beyond the bound first: a huge header is not walked through
        String head = text.length() > 4 * MAX_LENGTH ? text.substring(0, 4 * MAX_LENGTH) : text;
        StringBuilder cleaned = new StringBuilder(Math.min(head.length(), MAX_LENGTH));
        head.codePoints().forEach(c -> cleaned.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String stripped = cleaned.toString().strip();
        if (stripped.length() <= MAX_LENGTH) {
            return stripped;
        }
        int end = Character.isHighSurrogate(stripped.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return stripped.substring(0, end).strip();
    }
}
