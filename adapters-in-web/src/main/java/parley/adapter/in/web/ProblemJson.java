package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shape of every error response, for the API description only: at run time the body is
 * Spring's {@link org.springframework.http.ProblemDetail}, built by {@link Problems}.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json) with Parley's stable error code")
record ProblemJson(
        @Schema(example = "about:blank") String type,
        @Schema(example = "Not Found") String title,
        @Schema(example = "404") int status,
        @Schema(example = "room 01J9Z8Q6W4T5N3B2V1C0X9Y8Z7 does not exist") String detail,
        @Schema(example = "/rooms/01J9Z8Q6W4T5N3B2V1C0X9Y8Z7") String instance,
        @Schema(description = "Always equal to detail, for clients written for the original NestJS gateway (which show body.message)",
                example = "room 01J9Z8Q6W4T5N3B2V1C0X9Y8Z7 does not exist") String message,
        @Schema(description = "Stable machine-readable code; clients branch on this, never on detail",
                allowableValues = {"VALIDATION_FAILED", "MALFORMED_JSON", "EMAIL_TAKEN", "INVALID_CREDENTIALS", "UNAUTHORIZED", "REFRESH_TOKEN_REUSED",
                        "USER_NOT_FOUND", "SESSION_NOT_FOUND", "ROOM_NOT_FOUND", "NOT_A_MEMBER", "NOT_ALLOWED", "BANNED", "DIRECT_ROOM", "MEMBER_NOT_FOUND", "ALREADY_MEMBER", "MESSAGE_NOT_FOUND", "RATE_LIMITED", "TOO_MANY_ATTEMPTS", "LIMIT_REACHED", "NOT_FOUND",
                        "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE",
                        "BROKER_UNAVAILABLE", "OUTCOME_UNKNOWN", "SERVICE_UNAVAILABLE", "INTERNAL_ERROR"})
        String code,
        @Schema(description = "Only with VALIDATION_FAILED: every wrong input of the request") List<FieldError> errors) {
}
