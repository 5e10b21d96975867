package parley.domain.message;

import java.util.Objects;
import java.util.UUID;
import parley.domain.shared.InvalidValueException;

/**
 * The client's own id for a message it sends (a UUID). Re-sending with the same id must never
 * create a second message: it is the key of deduplication.
 */
public record ClientMsgId(UUID value) {

    private static final int LENGTH = 36;

    public ClientMsgId {
        Objects.requireNonNull(value, "value");
    }

    public static ClientMsgId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("clientMsgId", "is required");
        }
        // UUID.fromString is lenient (signs, short or overlong groups); only the canonical 8-4-4-4-12 form is a UUID here
        if (!isCanonical(text)) {
            throw new InvalidValueException("clientMsgId", "must be a UUID");
        }
        return new ClientMsgId(UUID.fromString(text));
    }

    /** 8-4-4-4-12 hex digits of either case (checked by hand: a regex match per message showed in profiles). */
    private static boolean isCanonical(String text) {
        if (text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
