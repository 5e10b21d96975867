package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /auth/refresh}. Only presence and type are checked here: any bad token is the same 401. */
@Schema(name = "RefreshRequest")
record RefreshRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password") String refreshToken) {

    private static final Set<String> FIELDS = Set.of("refreshToken");

    static String refreshToken(JsonNode json) {
        FieldErrors errors = new FieldErrors();
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        String token = body.text("refreshToken");
        if (token == null && !errors.has("refreshToken")) {
            errors.add("refreshToken", "is required");
        }
        errors.throwIfAny();
        return token;
    }

    @Override
    public String toString() {
        return "RefreshRequest[…]";
    }
}
