package parley.domain.room;

import parley.domain.shared.Text;

/** A room's name: 1..100 characters after trimming, no control characters. */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 100;

    public RoomName {
        value = Text.require("name", value, 1, MAX_LENGTH, false);
    }

    public static RoomName of(String value) {
        return new RoomName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
