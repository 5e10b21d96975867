package parley.domain.room;

import parley.domain.message.MessageId;

/** The forward-only rule of read markers, shared by the entity and by stores that apply it in SQL. */
public final class ReadMarker {

    private ReadMarker() {
    }

    /** The later of the current marker (may be null: nothing read) and the proposed one. */
    public static MessageId later(MessageId current, MessageId proposed) {
        if (current == null) {
            return proposed;
        }
        if (proposed == null) {
            return current;
        }
        return proposed.compareTo(current) > 0 ? proposed : current;
    }
}
