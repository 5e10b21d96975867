package parley.domain.user;

import parley.domain.shared.Text;

/** The name other members see: 1..50 characters after trimming, no control characters. */
public record DisplayName(String value) {

    public static final int MAX_LENGTH = 50;

    public DisplayName {
        value = Text.require("displayName", value, 1, MAX_LENGTH, false);
    }

    public static DisplayName of(String value) {
        return new DisplayName(value);
    }

    /** The default when a user registers without one: the local part of the address, cut to fit. */
    public static DisplayName from(EmailAddress email) {
        String local = email.value().substring(0, email.value().indexOf('@'));
        int end = local.offsetByCodePoints(0, Math.min(MAX_LENGTH, local.codePointCount(0, local.length())));
        return new DisplayName(local.substring(0, end));
    }

    @Override
    public String toString() {
        return value;
    }
}
