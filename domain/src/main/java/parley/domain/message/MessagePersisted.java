package parley.domain.message;

import java.util.Objects;

/** Domain event: a message is stored with its seq and may be delivered to the room. */
public record MessagePersisted(Message message) {

    public MessagePersisted {
        Objects.requireNonNull(message, "message");
    }
}
