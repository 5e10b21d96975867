package parley.application.port.in;

import parley.domain.shared.InvalidValueException;

/** Credentials as typed, and the client's user agent (may be null). Only presence is checked here: any mismatch later is the same 401. */
public record LogInCommand(String email, String password, String userAgent) {

    public LogInCommand(String email, String password) {
        this(email, password, null);
    }

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
