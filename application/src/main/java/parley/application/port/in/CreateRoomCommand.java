package parley.application.port.in;

import java.util.Objects;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.UserId;

public record CreateRoomCommand(UserId creator, RoomName name, RoomDescription description, Visibility visibility) {

    public CreateRoomCommand {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(visibility, "visibility");
    }

    /** A public room. */
    public static CreateRoomCommand of(UserId creator, String name, String description) {
        return new CreateRoomCommand(creator, RoomName.of(name), RoomDescription.of(description), Visibility.PUBLIC);
    }
}
