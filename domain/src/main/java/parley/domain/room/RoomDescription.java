package parley.domain.room;

import parley.domain.shared.Text;

/**
 * What a room is about: up to 500 characters, line breaks allowed. {@link #NONE} (empty) when the
 * creator gave none, so a room always has a description object and callers never test for null.
 */
public record RoomDescription(String value) {

    public static final int MAX_LENGTH = 500;
    public static final RoomDescription NONE = new RoomDescription("");

    public RoomDescription {
        String checked = Text.optional("description", value, MAX_LENGTH, true);
        value = checked == null ? "" : checked;
    }

    /** {@link #NONE} for null or blank input. */
    public static RoomDescription of(String value) {
        return value == null || value.isBlank() ? NONE : new RoomDescription(value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }
}
