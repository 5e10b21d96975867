package parley.domain.room;

import java.util.Objects;
import parley.domain.message.MessageId;

/**
 * How far a member has read: a message of the room, and its seq. Positions compare by seq alone:
 * ids identify messages but do not order them (they are minted before the race to the broker, and
 * derived ids have no order at all).
 */
public record ReadPosition(MessageId messageId, long seq) {

    public ReadPosition {
        Objects.requireNonNull(messageId, "messageId");
        if (seq < 1) {
            throw new IllegalArgumentException("a read position is a stored message's seq (from 1), got " + seq);
        }
    }

    public boolean isAfter(ReadPosition other) {
        return seq > other.seq;
    }
}
