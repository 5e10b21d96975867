package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.domain.room.Membership;

/** The answer to joining a room or changing a member's role. */
@Schema(name = "Membership")
record MembershipJson(String roomId, String userId, Instant joinedAt,
                      @Schema(allowableValues = {"OWNER", "ADMIN", "MEMBER"}, description = "v1.1") String role) {

    static MembershipJson from(Membership membership) {
        return new MembershipJson(membership.roomId().value(), membership.userId().value(), membership.joinedAt(),
                membership.role().name());
    }
}
