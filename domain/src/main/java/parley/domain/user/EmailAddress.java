package parley.domain.user;

import java.util.Locale;
import java.util.regex.Pattern;
import parley.domain.shared.InvalidValueException;
import parley.domain.shared.Text;

/** An e-mail address, normalised to lower case so that one person cannot register twice. */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    // deliberately loose: one @, a non-empty local part, a dotted domain, no spaces or controls
    private static final Pattern FORM = Pattern.compile("^[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+$");

    public EmailAddress {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("email", "is required");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        try {
            Text.checkCharacters("email", value, false);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("email", "must be an e-mail address");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("email", "must be at most " + MAX_LENGTH + " characters");
        }
        if (!FORM.matcher(value).matches()) {
            throw new InvalidValueException("email", "must be an e-mail address");
        }
    }

    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
