package parley.domain.message;

import java.util.Objects;
import java.util.UUID;
import parley.domain.shared.InvalidValueException;

/**
 * The client's own id for a message it sends (a UUID). Re-sending with the same id must never
 * create a second message: it is the key of deduplication.
 */
public record ClientMsgId(UUID value) {

    public ClientMsgId {
        Objects.requireNonNull(value, "value");
    }

    public static ClientMsgId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("clientMsgId", "is required");
        }
        // UUID.fromString accepts short forms such as "1-2-3-4-5"; insist on the canonical 36 characters
        if (text.length() != 36) {
            throw new InvalidValueException("clientMsgId", "must be a UUID");
        }
        try {
            return new ClientMsgId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("clientMsgId", "must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
