package parley.domain.room;

import parley.domain.shared.Ulid;

/** Identifies a room; a ULID. */
public record RoomId(String value) implements Comparable<RoomId> {

    public RoomId {
        value = Ulid.require("roomId", value);
    }

    public static RoomId of(String value) {
        return new RoomId(value);
    }

    @Override
    public int compareTo(RoomId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
