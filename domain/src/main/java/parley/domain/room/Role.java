package parley.domain.room;

/** What a member may do in a room. The creator is the owner. */
public enum Role {
    OWNER,
    MEMBER
}
