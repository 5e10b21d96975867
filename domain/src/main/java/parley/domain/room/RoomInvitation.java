package parley.domain.room;

import java.time.Instant;
import java.util.Objects;
import parley.domain.user.UserId;

/** A pending invitation of {@code userId} to a room: joining consumes it, the invitee may decline it. */
public record RoomInvitation(RoomId roomId, UserId userId, UserId invitedBy, Instant createdAt) {

    public RoomInvitation {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
