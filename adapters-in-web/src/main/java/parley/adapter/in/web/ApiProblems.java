package parley.adapter.in.web;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;

/**
 * The problem responses of the API description, one annotation per failure, so each endpoint
 * lists its failures in a line instead of repeating the problem schema. Failures every endpoint
 * shares (400, 500, 503) are declared once on {@link ProblemAdvice}.
 */
final class ApiProblems {

    private ApiProblems() {
    }

    @Retention(RUNTIME)
    @Target({TYPE, METHOD})
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: the bearer token is missing, invalid or expired",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @interface Unauthorized {
    }

    @Retention(RUNTIME)
    @Target({TYPE, METHOD})
    @ApiResponse(responseCode = "403", description = "NOT_A_MEMBER: the caller is not a member of the room",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @interface NotAMember {
    }

    @Retention(RUNTIME)
    @Target({TYPE, METHOD})
    @ApiResponse(responseCode = "404", description = "ROOM_NOT_FOUND: there is no room with this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @interface RoomNotFound {
    }

    @Retention(RUNTIME)
    @Target({TYPE, METHOD})
    @ApiResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE: the body is larger than 64 KiB",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA_TYPE: the body is not sent as application/json",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @interface JsonBody {
    }

    @Retention(RUNTIME)
    @Target({TYPE, METHOD})
    @ApiResponse(responseCode = "429", description = "TOO_MANY_ATTEMPTS: too many sign-in attempts for this e-mail or from this "
            + "address; Retry-After says when to try again",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @interface TooManyAttempts {
    }
}
