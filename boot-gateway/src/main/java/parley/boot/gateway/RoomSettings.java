package parley.boot.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import parley.application.service.RoomLimits;

/**
 * Bounds of the rooms part ({@code parley.rooms.*}).
 *
 * @param membersPage    members per page of GET /rooms/{id}/members without a limit
 * @param membersPageMax the largest limit a members page may ask for
 * @param createdPerHour rooms one user may create within an hour (the next: 429 RATE_LIMITED with Retry-After)
 * @param invitationsPerRoom invitations of one room pending at once (the next: 429 LIMIT_REACHED)
 * @param invitationsListed  the most pending invitations GET /invitations answers with (the newest)
 * @param directRoomsPerHour direct rooms one user may open anew within an hour (the next: 429 RATE_LIMITED with Retry-After)
 */
@ConfigurationProperties("parley.rooms")
public record RoomSettings(
        @DefaultValue("100") int membersPage,
        @DefaultValue("500") int membersPageMax,
        @DefaultValue("20") int createdPerHour,
        @DefaultValue("500") int invitationsPerRoom,
        @DefaultValue("100") int invitationsListed,
        @DefaultValue("50") int directRoomsPerHour) {

    public RoomLimits limits() {
        return new RoomLimits(membersPage, membersPageMax, createdPerHour, invitationsPerRoom, invitationsListed, directRoomsPerHour);
    }
}
