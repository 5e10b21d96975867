package parley.contract.kafka;

/** A record value that is not a valid event of the contract; the message is the reason sent to the DLQ. */
public final class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(String reason) {
        super(reason);
    }

    public UnreadableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
