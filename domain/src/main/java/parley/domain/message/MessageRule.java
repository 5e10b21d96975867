package parley.domain.message;

/** Why a change of a message was refused; each has its code in the contract (PROTOCOL-1.1 §3). */
public enum MessageRule {
    /** Not the caller's to change: another user's edit, a MEMBER deleting another's message, an image edited (403 NOT_ALLOWED). */
    NOT_ALLOWED,
    /** The message was deleted: it can no longer be edited, reacted to or replied to (409 MESSAGE_DELETED). */
    DELETED,
    /** A new emoji on a message that has the most distinct ones it may have (409 TOO_MANY_REACTIONS). */
    TOO_MANY_REACTIONS,
    /** The message named is not one of the room the change is for (404 MESSAGE_NOT_FOUND, as for no message at all). */
    ELSEWHERE
}
