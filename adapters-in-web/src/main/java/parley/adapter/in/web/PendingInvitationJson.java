package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.application.port.in.PendingInvitation;

/** One of the caller's invitations, with the room it opens (myRole null: the caller is not in it yet). */
@Schema(name = "PendingInvitation")
record PendingInvitationJson(RoomJson room, String invitedBy, Instant createdAt) {

    static PendingInvitationJson from(PendingInvitation pending) {
        return new PendingInvitationJson(RoomJson.from(pending.room()), pending.invitation().invitedBy().value(),
                pending.invitation().createdAt());
    }
}
