package parley.domain.room;

import java.time.Instant;
import java.util.Objects;
import parley.domain.user.UserId;

/** A user who may not join a room, nor be invited to it, until unbanned. */
public record RoomBan(RoomId roomId, UserId userId, UserId bannedBy, BanReason reason, Instant createdAt) {

    public RoomBan {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(bannedBy, "bannedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
