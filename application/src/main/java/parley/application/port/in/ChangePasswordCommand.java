package parley.application.port.in;

import java.util.Objects;
import parley.application.model.Caller;
import parley.domain.shared.InvalidValueException;

/** A password change by a signed-in user; the new password follows the registration rules. Neither appears in toString. */
public record ChangePasswordCommand(Caller caller, String currentPassword, String newPassword) {

    public ChangePasswordCommand {
        Objects.requireNonNull(caller, "caller");
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new InvalidValueException("currentPassword", "is required");
        }
        RegisterUserCommand.requireWellFormed(currentPassword, "currentPassword");
        if (newPassword == null) {
            throw new InvalidValueException("newPassword", "is required");
        }
        int length = newPassword.codePointCount(0, newPassword.length());
        if (length < RegisterUserCommand.MIN_PASSWORD || length > RegisterUserCommand.MAX_PASSWORD) {
            throw new InvalidValueException("newPassword",
                    "must be " + RegisterUserCommand.MIN_PASSWORD + " to " + RegisterUserCommand.MAX_PASSWORD + " characters");
        }
        RegisterUserCommand.requireWellFormed(newPassword, "newPassword");
    }

    @Override
    public String toString() {
        return "ChangePasswordCommand[userId=" + caller.userId() + "]";
    }
}
