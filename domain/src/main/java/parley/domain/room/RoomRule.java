package parley.domain.room;

/** Why a room refused an action; each has its code in the contract. */
public enum RoomRule {
    /** The room does not exist for the caller: a private room they are not in (404 ROOM_NOT_FOUND). */
    HIDDEN,
    /** A public room the caller is not a member of (403 NOT_A_MEMBER). */
    NOT_A_MEMBER,
    /** The caller's role is too low, or the action cannot apply to that member (403 NOT_ALLOWED). */
    NOT_ALLOWED,
    /** The user is banned from the room (403 BANNED). */
    BANNED,
    /** Direct rooms have no joining, leaving, inviting, editing or moderation (409 DIRECT_ROOM). */
    DIRECT_ROOM,
    /** The user the action names is not a member of the room (404 MEMBER_NOT_FOUND). */
    MEMBER_NOT_FOUND,
    /** The user the action names is already a member (409 ALREADY_MEMBER). */
    ALREADY_MEMBER
}
