package parley.domain.room;

import parley.domain.shared.Text;

/** Why a user was banned, for the room's moderators: up to 500 characters, line breaks allowed; empty when none given. */
public record BanReason(String value) {

    public static final int MAX_LENGTH = 500;
    public static final BanReason NONE = new BanReason("");

    public BanReason {
        String checked = Text.optional("reason", value, MAX_LENGTH, true);
        value = checked == null ? "" : checked;
    }

    /** {@link #NONE} for null or blank input. */
    public static BanReason of(String value) {
        return value == null || value.isBlank() ? NONE : new BanReason(value);
    }
}
