package parley.application.port.in;

import java.util.Objects;
import parley.application.model.RoomSummary;
import parley.domain.room.RoomInvitation;

/** One of a user's pending invitations, with the room it opens (the one view of a private room a non-member gets). */
public record PendingInvitation(RoomSummary room, RoomInvitation invitation) {

    public PendingInvitation {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(invitation, "invitation");
    }
}
