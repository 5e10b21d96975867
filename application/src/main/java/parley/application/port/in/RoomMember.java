package parley.application.port.in;

import java.util.Objects;
import parley.domain.room.Membership;
import parley.domain.user.DisplayName;

/** A member as the members list shows it. */
public record RoomMember(Membership membership, DisplayName displayName, boolean online) {

    public RoomMember {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(displayName, "displayName");
    }
}
