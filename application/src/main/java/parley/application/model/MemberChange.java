package parley.application.model;

/** What happened to a member of a room, as the {@code member} frame tells the room (PROTOCOL-1.1 §2). */
public enum MemberChange {
    JOINED,
    LEFT,
    REMOVED,
    BANNED,
    ROLE_CHANGED;

    /** The user is out of the room afterwards (and told so by a {@code removed} frame). */
    public boolean isDeparture() {
        return this == LEFT || this == REMOVED || this == BANNED;
    }
}
