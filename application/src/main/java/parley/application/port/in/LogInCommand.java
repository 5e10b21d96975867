package parley.application.port.in;

import parley.domain.shared.InvalidValueException;

/** Credentials as typed. Only presence is checked here: any mismatch later is the same 401. */
public record LogInCommand(String email, String password) {

    public LogInCommand {
        if (email == null || email.isBlank()) {
            throw new InvalidValueException("email", "is required");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidValueException("password", "is required");
        }
        // no account can have such a password, and the hasher cannot even read it
        RegisterUserCommand.requireWellFormed(password);
    }

    @Override
    public String toString() {
        return "LogInCommand[email=" + email + "]";
    }
}
