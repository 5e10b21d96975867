package parley.application.service;

/**
 * Bounds of what one user can make the rooms part grow or read at once.
 *
 * @param membersPageDefault members per page when the caller names no limit
 * @param membersPageMax     the most members one page may ask for
 * @param roomsPerHour       rooms one user may create within any hour; the next is RATE_LIMITED with Retry-After
 */
public record RoomLimits(int membersPageDefault, int membersPageMax, int roomsPerHour) {

    public static final RoomLimits DEFAULTS = new RoomLimits(100, 500, 20);

    public RoomLimits {
        if (membersPageDefault < 1 || membersPageMax < membersPageDefault || roomsPerHour < 1) {
            throw new IllegalArgumentException("room limits must be positive, and the members page maximum at least its default");
        }
    }
}
