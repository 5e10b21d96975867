package parley.loadgen;

/**
 * Reads the few fields the scenarios need straight out of a server frame's text, without building
 * a JSON tree: at a hundred thousand frames a second the client must stay cheaper than the server.
 * Only for values without escapes (ids, codes, numbers), which is all it is asked for.
 */
final class Frames {

    private Frames() {
    }

    /** The frame's kind: the first {@code "type"} (a message's own type comes later, inside {@code message}). */
    static String type(String text) {
        return string(text, "type", 0);
    }

    static String string(String text, String name) {
        return string(text, name, 0);
    }

    static String string(String text, String name, int from) {
        String key = "\"" + name + "\":\"";
        int at = text.indexOf(key, from);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = text.indexOf('"', start);
        return end < 0 ? null : text.substring(start, end);
    }

    /** An integer field; {@code fallback} when absent. */
    static long number(String text, String name, long fallback) {
        String key = "\"" + name + "\":";
        int at = text.indexOf(key);
        if (at < 0) {
            return fallback;
        }
        int i = at + key.length();
        long value = 0;
        boolean any = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            any = true;
            i++;
        }
        return any ? value : fallback;
    }

    /** Parses a decimal of the text, -1 when it is not one. */
    static long parseLong(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
