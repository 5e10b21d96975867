package parley.domain.message;

import java.util.ArrayList;
import java.util.List;
import parley.domain.room.RoomId;

/**
 * Gives new messages of one room their seq: the room's last seq plus one, plus two, … in the order
 * the messages arrived. Only messages that are really new may be numbered: numbering a duplicate
 * would leave a hole when its insert is skipped.
 */
public final class RoomSequence {

    private final RoomId roomId;
    private long lastSeq;

    public RoomSequence(RoomId roomId, long lastSeq) {
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative");
        }
        this.roomId = roomId;
        this.lastSeq = lastSeq;
    }

    public Message next(MessageAccepted accepted) {
        requireThisRoom(accepted);
        lastSeq++;
        return accepted.toMessage(lastSeq);
    }

    /** Numbers all of {@code fresh} or, if one belongs to another room, none of it. */
    public List<Message> number(List<MessageAccepted> fresh) {
        fresh.forEach(this::requireThisRoom);
        List<Message> numbered = new ArrayList<>(fresh.size());
        for (MessageAccepted accepted : fresh) {
            numbered.add(next(accepted));
        }
        return numbered;
    }

    private void requireThisRoom(MessageAccepted accepted) {
        if (!accepted.roomId().equals(roomId)) {
            throw new IllegalArgumentException("message " + accepted.messageId() + " is not for room " + roomId);
        }
    }

    public long lastSeq() {
        return lastSeq;
    }
}
