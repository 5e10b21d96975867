package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import parley.application.port.in.LogInCommand;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /auth/login}. */
@Schema(name = "LogInRequest")
record LogInRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ada@example.com") String email,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password") String password) {

    private static final Set<String> FIELDS = Set.of("email", "password");
    private static final String STAND_IN = "stand-in@parley.invalid";

    static LogInCommand command(JsonNode json) {
        FieldErrors errors = new FieldErrors();
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        LogInRequest request = new LogInRequest(body.text("email"), body.text("password"));
        return request.toCommand(errors);
    }

    private LogInCommand toCommand(FieldErrors errors) {
        // the command checks one field after the other; judging each next to a stand-in reports both
        errors.check("email", () -> new LogInCommand(email, STAND_IN));
        errors.check("password", () -> new LogInCommand(STAND_IN, password));
        errors.throwIfAny();
        return new LogInCommand(email, password);
    }

    @Override
    public String toString() {
        return "LogInRequest[email=" + email + "]";
    }
}
