package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import parley.application.port.in.CreateRoomCommand;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.UserId;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /rooms}. */
@Schema(name = "CreateRoomRequest")
record CreateRoomRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100, example = "general",
                description = "1 to 100 characters after trimming, no control characters") String name,
        @Schema(maxLength = 500, example = "Everything and nothing",
                description = "Up to 500 characters; line breaks allowed") String description,
        @Schema(allowableValues = {"PUBLIC", "PRIVATE"}, defaultValue = "PUBLIC",
                description = "PRIVATE: not discoverable, joined only by invitation, 404 for everyone else") String visibility) {

    private static final Set<String> FIELDS = Set.of("name", "description", "visibility");

    static CreateRoomCommand command(UserId creator, JsonNode json) {
        FieldErrors errors = new FieldErrors();
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        String rawName = body.text("name");
        String rawDescription = body.text("description");
        Visibility visibility = body.choice("visibility", Visibility.class);
        RoomName name = errors.check("name", () -> RoomName.of(rawName));
        RoomDescription description = errors.check("description", () -> RoomDescription.of(rawDescription));
        errors.throwIfAny();
        return new CreateRoomCommand(creator, name, description, visibility == null ? Visibility.PUBLIC : visibility);
    }
}
