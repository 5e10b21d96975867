package parley.contract.kafka;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the instants of the records. Records carry what {@link Instant#toString()} writes
 * ({@code 2026-11-25T10:15:30.123Z}: UTC, 0 to 9 digits of fraction); that form is read directly,
 * because {@link Instant#parse} builds a map of parsed fields per call and showed as the largest
 * allocation of the worker (docs/bench/PROFILE.md, finding 5). Anything else, and anything the
 * direct reading is not sure of, goes to {@link Instant#parse}, so both accept the same texts.
 */
final class UtcInstants {

    private static final int[] NANOS_SCALE = {
        1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private UtcInstants() {
    }

    /** Like {@link Instant#parse}; throws its {@link java.time.format.DateTimeParseException} for bad text. */
    static Instant parse(String text) {
        Instant direct = direct(text);
        return direct != null ? direct : Instant.parse(text);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null when the text is not exactly that. */
    private static Instant direct(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0) {
            return null;
        }
        int nanos = length > 20 ? fraction * NANOS_SCALE[length - 21] : 0;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return null; // e.g. a leap second or February 30th: Instant.parse has the last word
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
