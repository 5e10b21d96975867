package parley.application;

/**
 * The stable, machine-readable codes of the wire contract. Adapters translate them to HTTP
 * statuses or frame errors; the core only says which one applies.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    EMAIL_TAKEN,
    INVALID_CREDENTIALS,
    UNAUTHORIZED,
    USER_NOT_FOUND,
    ROOM_NOT_FOUND,
    NOT_A_MEMBER,
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
    SERVICE_UNAVAILABLE
}
