package parley.application.model;

import java.util.Objects;
import parley.domain.user.DisplayName;
import parley.domain.user.UserId;

/** The other user of a direct room, as the viewer sees them: the room is called by their display name. */
public record DirectPeer(UserId id, DisplayName displayName) {

    public DirectPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
