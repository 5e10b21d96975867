package parley.domain.room;

/**
 * Who can see a room. A PUBLIC room is discoverable and anyone may join; a PRIVATE room does not
 * exist for anyone who is not a member (unless invited), so nothing about it can leak.
 */
public enum Visibility {
    PUBLIC,
    PRIVATE
}
