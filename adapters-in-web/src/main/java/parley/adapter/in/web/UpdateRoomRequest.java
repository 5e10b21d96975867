package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import tools.jackson.databind.JsonNode;

/** The body of {@code PATCH /rooms/{id}}: only the fields it has change. */
@Schema(name = "UpdateRoomRequest", description = "Every field is optional; an absent field stays as it is")
record UpdateRoomRequest(
        @Schema(minLength = 1, maxLength = 100, example = "general",
                description = "1 to 100 characters after trimming, no control characters; not null") String name,
        @Schema(maxLength = 500, nullable = true, description = "Up to 500 characters; null or empty clears it") String description,
        @Schema(allowableValues = {"PUBLIC", "PRIVATE"}, description = "not null") String visibility) {

    private static final Set<String> FIELDS = Set.of("name", "description", "visibility");

    static RoomChanges changes(JsonNode json) {
        FieldErrors errors = new FieldErrors();
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        RoomName name = null;
        if (body.has("name")) {
            String raw = body.text("name");
            name = errors.check("name", () -> RoomName.of(raw));
        }
        RoomDescription description = null;
        if (body.has("description")) {
            String raw = body.text("description");
            description = errors.check("description", () -> RoomDescription.of(raw));
        }
        Visibility visibility = null;
        if (body.has("visibility")) {
            visibility = body.choice("visibility", Visibility.class);
            if (visibility == null) {
                errors.add("visibility", "must be one of PUBLIC, PRIVATE");
            }
        }
        errors.throwIfAny();
        return new RoomChanges(name, description, visibility);
    }
}
