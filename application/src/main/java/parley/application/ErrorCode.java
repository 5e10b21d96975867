package parley.application;

/**
 * The stable, machine-readable codes of the wire contract (docs/API.md, docs/PROTOCOL.md): the one
 * list both REST and the sockets answer with. The core raises the first group; the last group
 * only the in-adapters do, for requests that never reach a use case. Adapters translate a code to
 * an HTTP status or a frame error; the core only says which one applies.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    EMAIL_TAKEN,
    INVALID_CREDENTIALS,
    UNAUTHORIZED,
    /** A refresh token that was used already: its session has been revoked (someone may hold a stolen copy). */
    REFRESH_TOKEN_REUSED,
    USER_NOT_FOUND,
    /** No session of the caller's has that id (another user's session is not found alike). */
    SESSION_NOT_FOUND,
    ROOM_NOT_FOUND,
    NOT_A_MEMBER,
    /** The caller's role in the room is too low, or the action cannot apply to that member. */
    NOT_ALLOWED,
    /** The user is banned from the room: no joining or invitation until unbanned. */
    BANNED,
    /** Direct rooms have no joining, leaving, inviting, editing or moderation. */
    DIRECT_ROOM,
    /** The user an action names is not a member of the room. */
    MEMBER_NOT_FOUND,
    /** The user an invitation names is already a member. */
    ALREADY_MEMBER,
    MESSAGE_NOT_FOUND,
    RATE_LIMITED,
    /** Too many login, registration or lookup attempts for one e-mail or client address; retry after a pause. */
    TOO_MANY_ATTEMPTS,
    /** A per-user or per-socket cap (connections, joined rooms) is reached. */
    LIMIT_REACHED,
    /** The broker refused the message or could not be reached before it was sent: it certainly does not hold it. */
    BROKER_UNAVAILABLE,
    /**
     * The broker may or may not hold the message (a producer timeout, a connection lost in flight):
     * the client retries with the same clientMsgId, which is always safe.
     */
    OUTCOME_UNKNOWN,
    /** A dependency (database, cache) is down. */
    SERVICE_UNAVAILABLE,

    // raised by in-adapters only

    /** A request body that is not well-formed JSON. */
    MALFORMED_JSON,
    /** No endpoint matches the path. */
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    /** A socket frame that is not text (binary frames are not part of the protocol). */
    UNSUPPORTED_FRAME,
    FRAME_TOO_LARGE,
    /** A frame that is not valid UTF-8 JSON, or not a JSON object. */
    MALFORMED_FRAME,
    /** A frame type the protocol does not have. */
    UNKNOWN_TYPE,
    /** A room's catch-up could not be read after its retries; the client joins the room again. */
    CATCH_UP_FAILED,
    /** A bug: the request could not be handled. Nothing about it reaches the client. */
    INTERNAL_ERROR
}
