package parley.domain.room;

/** The forward-only rule of read markers, shared by the entity and by stores that apply it in SQL. */
public final class ReadMarker {

    private ReadMarker() {
    }

    /** The later (by seq) of the current marker (may be null: nothing read) and the proposed one. */
    public static ReadPosition later(ReadPosition current, ReadPosition proposed) {
        if (current == null) {
            return proposed;
        }
        if (proposed == null) {
            return current;
        }
        return proposed.isAfter(current) ? proposed : current;
    }
}
