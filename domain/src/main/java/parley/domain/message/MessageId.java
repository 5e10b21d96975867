package parley.domain.message;

import parley.domain.shared.Ulid;

/** Identifies a message; a ULID handed out by the gateway when it accepts the message. */
public record MessageId(String value) implements Comparable<MessageId> {

    public MessageId {
        value = Ulid.require("messageId", value);
    }

    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @Override
    public int compareTo(MessageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
