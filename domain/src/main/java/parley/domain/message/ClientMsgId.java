package parley.domain.message;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import parley.domain.shared.InvalidValueException;

/**
 * The client's own id for a message it sends (a UUID). Re-sending with the same id must never
 * create a second message: it is the key of deduplication.
 */
public record ClientMsgId(UUID value) {

    private static final Pattern CANONICAL =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public ClientMsgId {
        Objects.requireNonNull(value, "value");
    }

    public static ClientMsgId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("clientMsgId", "is required");
        }
        // UUID.fromString is lenient (signs, short or overlong groups); only the canonical 8-4-4-4-12 form is a UUID here
        if (!CANONICAL.matcher(text).matches()) {
            throw new InvalidValueException("clientMsgId", "must be a UUID");
        }
        return new ClientMsgId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
