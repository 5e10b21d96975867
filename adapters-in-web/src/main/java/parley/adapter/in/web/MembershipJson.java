package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.domain.room.Membership;

/** The answer to joining a room. */
@Schema(name = "Membership")
record MembershipJson(String roomId, String userId, Instant joinedAt) {

    static MembershipJson from(Membership membership) {
        return new MembershipJson(membership.roomId().value(), membership.userId().value(), membership.joinedAt());
    }
}
