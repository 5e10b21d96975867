package parley.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A room as a {@code roomUpdated} frame carries it: {@link RoomJson} without the viewer's own figures
 * ({@code myRole}, {@code unreadCount}), which a room update does not change, so that one frame serves
 * every member. A direct room's {@code name} and {@code peer} are still those the recipient sees.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RoomStateJson(
        String id,
        String name,
        String description,
        String kind,
        String visibility,
        String createdBy,
        Instant createdAt,
        String lastMessageId,
        Instant lastMessageAt,
        long memberCount,
        UserCardJson peer) {
}
