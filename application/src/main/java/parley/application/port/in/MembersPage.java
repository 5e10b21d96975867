package parley.application.port.in;

import java.util.List;
import java.util.Objects;

/**
 * One page of a room's members, ordered by user id.
 *
 * @param more whether members follow the last of this page (ask again with it as the cursor)
 */
public record MembersPage(List<RoomMember> members, boolean more) {

    public MembersPage {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
    }
}
