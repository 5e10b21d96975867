package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import parley.application.port.in.RegisterUserCommand;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /auth/register}. */
@Schema(name = "RegisterRequest")
record RegisterRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "email", example = "ada@example.com",
                description = "Stored in lower case; one account per address") String email,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password", minLength = 8, maxLength = 100,
                description = "8 to 100 characters (Unicode code points)") String password,
        @Schema(minLength = 1, maxLength = 50, example = "Ada",
                description = "1 to 50 characters after trimming; defaults to the e-mail's local part") String displayName) {

    private static final Set<String> FIELDS = Set.of("email", "password", "displayName");
    // stand-ins that pass their rules, so the command can judge the password on its own
    private static final EmailAddress VALID_EMAIL = EmailAddress.of("stand-in@parley.invalid");
    private static final DisplayName VALID_NAME = DisplayName.of("stand-in");

    /** Reads the body strictly and builds the command, or throws naming every wrong field. */
    static RegisterUserCommand command(JsonNode json) {
        FieldErrors errors = new FieldErrors();
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        RegisterRequest request = new RegisterRequest(body.text("email"), body.text("password"), body.text("displayName"));
        return request.toCommand(errors);
    }

    private RegisterUserCommand toCommand(FieldErrors errors) {
        errors.check("email", () -> EmailAddress.of(email));
        if (displayName != null) {
            errors.check("displayName", () -> DisplayName.of(displayName));
        }
        // the password rule lives in the command alone: judge it next to values known to be good
        errors.check("password", () -> new RegisterUserCommand(VALID_EMAIL, password, VALID_NAME));
        errors.throwIfAny();
        return RegisterUserCommand.of(email, password, displayName);
    }

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", displayName=" + displayName + "]";
    }
}
