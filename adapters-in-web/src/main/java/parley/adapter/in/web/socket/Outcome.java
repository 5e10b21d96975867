package parley.adapter.in.web.socket;

import parley.adapter.in.web.Failure;
import parley.domain.message.MessageId;

/**
 * What a socket command came to, before any wire protocol shapes it: each protocol's
 * {@link Replier} turns it into its own reply (a {@code reply}, {@code ack} or {@code error} frame
 * on {@code /ws}).
 */
public sealed interface Outcome {

    /** The command was carried out (joined, left, heartbeat taken). */
    record Done() implements Outcome {
    }

    /** The command was refused; nothing changed. */
    record Refused(Failure failure) implements Outcome {
    }

    /** The message is held durably by the broker under {@code messageId}. */
    record Accepted(String clientMsgId, MessageId messageId) implements Outcome {
    }

    /**
     * The message was not accepted: certainly not held by the broker, or, when the code is
     * OUTCOME_UNKNOWN, perhaps held. Either way the client sends it again with the same clientMsgId.
     */
    record NotAccepted(String clientMsgId, Failure failure) implements Outcome {
    }

    /** A frame that carries no reply on success failed (a typing signal, an unknown type, a bad frame). */
    record Failed(Failure failure) implements Outcome {
    }

    /** Nothing to answer (a typing signal that went out). */
    record Silent() implements Outcome {
    }

    Outcome DONE = new Done();
    Outcome SILENT = new Silent();
}
