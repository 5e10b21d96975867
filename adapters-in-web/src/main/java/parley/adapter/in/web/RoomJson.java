package parley.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.application.model.RoomSummary;
import parley.domain.message.MessageId;
import parley.domain.room.Room;

/** A room with the caller's figures. Absent values are written as null, never left out. */
@Schema(name = "Room")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RoomJson(
        String id,
        String name,
        @Schema(nullable = true, description = "null when the room has none") String description,
        @Schema(allowableValues = {"GROUP", "DIRECT"}) String kind,
        @Schema(allowableValues = {"PUBLIC", "PRIVATE"}, description = "a direct room is always PRIVATE") String visibility,
        @Schema(nullable = true, allowableValues = {"OWNER", "ADMIN", "MEMBER"}, description = "the caller's role; null when not a member")
        String myRole,
        String createdBy,
        Instant createdAt,
        @Schema(nullable = true) String lastMessageId,
        @Schema(nullable = true) Instant lastMessageAt,
        long memberCount,
        @Schema(description = "Messages after the caller's read marker") long unreadCount,
        @Schema(nullable = true, description = "a direct room's other user (the room's name is theirs); null for a group room")
        UserCardJson peer) {

    public static RoomJson from(RoomSummary summary) {
        Room room = summary.room();
        MessageId lastMessageId = room.lastMessageId();
        return new RoomJson(
                room.id().value(),
                nameSeenBy(summary),
                room.description().isEmpty() ? null : room.description().value(),
                room.kind().name(),
                room.visibility().name(),
                summary.myRole() == null ? null : summary.myRole().name(),
                room.createdBy().value(),
                room.createdAt(),
                lastMessageId == null ? null : lastMessageId.value(),
                room.lastMessageAt(),
                summary.memberCount(),
                summary.unreadCount(),
                peerOf(summary));
    }

    /** The room's state without the viewer's own figures ({@code myRole}, {@code unreadCount}): what a room update pushes. */
    public RoomStateJson state() {
        return new RoomStateJson(id, name, description, kind, visibility, createdBy, createdAt, lastMessageId, lastMessageAt,
                memberCount, peer);
    }

    /** A direct room is named after the other user. */
    private static String nameSeenBy(RoomSummary summary) {
        return summary.peer() == null ? summary.room().name().value() : summary.peer().displayName().value();
    }

    private static UserCardJson peerOf(RoomSummary summary) {
        return summary.peer() == null ? null : new UserCardJson(summary.peer().id().value(), summary.peer().displayName().value());
    }
}
