package parley.domain.room;

/** A room for a group, or the one direct conversation of two users. */
public enum RoomKind {
    GROUP,
    DIRECT
}
