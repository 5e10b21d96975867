package parley.domain.room;

/**
 * What a member may do in a room. The creator is the OWNER (exactly one per group room); OWNER and
 * ADMIN moderate; in a direct room both users are MEMBERs.
 */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER;

    /** OWNER and ADMIN: may edit the room, invite to a private room, remove and ban, delete others' messages. */
    public boolean moderates() {
        return this != MEMBER;
    }
}
