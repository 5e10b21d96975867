package parley.application.port.in;

import java.util.Objects;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;

/** A request to create an account. The password is 8..100 characters; it never appears in toString. */
public record RegisterUserCommand(EmailAddress email, String password, DisplayName displayName) {

    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 100;

    public RegisterUserCommand {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        if (password == null) {
            throw new InvalidValueException("password", "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw new InvalidValueException("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        requireWellFormed(password);
    }

    /**
     * Refuses an unpaired surrogate: it has no UTF-8 form, so the password hasher cannot hash it
     * (and a lenient encoder would hash '?' instead, making different passwords equal).
     */
    static void requireWellFormed(String password) {
        requireWellFormed(password, "password");
    }

    static void requireWellFormed(String password, String field) {
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < password.length() && Character.isLowSurrogate(password.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidValueException(field, "contains an unpaired surrogate");
            }
        }
    }

    /** From raw input; a missing display name defaults to the e-mail's local part. */
    public static RegisterUserCommand of(String email, String password, String displayName) {
        EmailAddress address = EmailAddress.of(email);
        DisplayName name = displayName == null ? DisplayName.from(address) : DisplayName.of(displayName);
        return new RegisterUserCommand(address, password, name);
    }

    @Override
    public String toString() {
        return "RegisterUserCommand[email=" + email + ", displayName=" + displayName + "]";
    }
}
