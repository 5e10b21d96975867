package parley.application.model;

import java.util.Objects;

/** One client connection (a socket) on one gateway instance; unique across instances. */
public record ConnectionId(String value) {

    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException("a connection id is 1..128 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
