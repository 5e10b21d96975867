package parley.application.service;

/**
 * Bounds of what one user can make the rooms part grow or read at once.
 *
 * @param membersPageDefault members per page when the caller names no limit
 * @param membersPageMax     the most members one page may ask for
 * @param roomsPerHour       rooms one user may create within any hour; the next is RATE_LIMITED with Retry-After
 * @param invitationsPerRoom invitations of one room that may be pending at once; the next is LIMIT_REACHED
 * @param invitationsListed  the most of a user's pending invitations one GET /invitations answers with (the newest)
 * @param directRoomsPerHour direct rooms one user may open anew within any hour (opening an existing one is always
 *                           allowed); the next is RATE_LIMITED with Retry-After. Its own budget, apart from group rooms
 */
public record RoomLimits(int membersPageDefault, int membersPageMax, int roomsPerHour, int invitationsPerRoom, int invitationsListed,
                         int directRoomsPerHour) {

    public static final RoomLimits DEFAULTS = new RoomLimits(100, 500, 20, 500, 100, 50);

    public RoomLimits {
        if (membersPageDefault < 1 || membersPageMax < membersPageDefault || roomsPerHour < 1 || invitationsPerRoom < 1
                || invitationsListed < 1 || directRoomsPerHour < 1) {
            throw new IllegalArgumentException("room limits must be positive, and the members page maximum at least its default");
        }
    }
}
