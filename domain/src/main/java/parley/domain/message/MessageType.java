package parley.domain.message;

import parley.domain.shared.InvalidValueException;

/** The kind of a message's content. */
public enum MessageType {
    TEXT,
    IMAGE;

    /** Parses the wire name; null means the default, {@link #TEXT}. */
    public static MessageType parse(String text) {
        if (text == null) {
            return TEXT;
        }
        for (MessageType type : values()) {
            if (type.name().equals(text)) {
                return type;
            }
        }
        throw new InvalidValueException("messageType", "must be TEXT or IMAGE");
    }
}
