package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import parley.application.model.Caller;
import parley.application.port.in.ChangePasswordCommand;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /auth/password}. */
@Schema(name = "ChangePasswordRequest")
record ChangePasswordRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password") String currentPassword,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password", minLength = 8, maxLength = 100) String newPassword) {

    private static final Set<String> FIELDS = Set.of("currentPassword", "newPassword");
    private static final String STAND_IN = "stand-in-password";

    static ChangePasswordCommand command(JsonNode json, Caller caller) {
        FieldErrors errors = new FieldErrors();
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        ChangePasswordRequest request = new ChangePasswordRequest(body.text("currentPassword"), body.text("newPassword"));
        // judged one field at a time next to a stand-in, so both are reported
        errors.check("currentPassword", () -> new ChangePasswordCommand(caller, request.currentPassword, STAND_IN));
        errors.check("newPassword", () -> new ChangePasswordCommand(caller, STAND_IN, request.newPassword));
        errors.throwIfAny();
        return new ChangePasswordCommand(caller, request.currentPassword, request.newPassword);
    }

    @Override
    public String toString() {
        return "ChangePasswordRequest[…]";
    }
}
