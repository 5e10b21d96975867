package parley.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.domain.room.RoomBan;

/** A user banned from a room. */
@Schema(name = "Ban")
@JsonInclude(JsonInclude.Include.ALWAYS)
record BanJson(String roomId, String userId, String bannedBy,
               @Schema(nullable = true, description = "null when none was given") String reason, Instant createdAt) {

    static BanJson from(RoomBan ban) {
        return new BanJson(ban.roomId().value(), ban.userId().value(), ban.bannedBy().value(),
                ban.reason().value().isEmpty() ? null : ban.reason().value(), ban.createdAt());
    }
}
