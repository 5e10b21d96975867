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
    /** The broker did not acknowledge a message in time: it was not accepted. */
    BROKER_TIMEOUT,
    /** The broker refused or could not be reached: the message was not accepted. */
    BROKER_UNAVAILABLE,
    /** A dependency (database, cache) is down. */
    SERVICE_UNAVAILABLE
}
