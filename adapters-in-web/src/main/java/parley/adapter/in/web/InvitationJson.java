package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.domain.room.RoomInvitation;

/** A pending invitation of a user to a room. */
@Schema(name = "Invitation")
record InvitationJson(String roomId, @Schema(description = "the invitee") String userId, String invitedBy, Instant createdAt) {

    static InvitationJson from(RoomInvitation invitation) {
        return new InvitationJson(invitation.roomId().value(), invitation.userId().value(), invitation.invitedBy().value(),
                invitation.createdAt());
    }
}
