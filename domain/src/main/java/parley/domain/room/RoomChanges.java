package parley.domain.room;

/**
 * What a change to a room's details sets; each null part stays as it is. An empty description
 * clears it.
 */
public record RoomChanges(RoomName name, RoomDescription description, Visibility visibility) {

    public boolean isEmpty() {
        return name == null && description == null && visibility == null;
    }
}
