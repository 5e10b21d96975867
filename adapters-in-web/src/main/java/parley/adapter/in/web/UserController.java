package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.FindUserQuery;
import parley.domain.user.EmailAddress;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/** Finding a user to invite or to message, by exact e-mail only: there is no user directory to page through. */
@RestController
@Tag(name = "Users")
@SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
@ApiProblems.Unauthorized
final class UserController {

    private final FindUserQuery users;
    private final SignInThrottle throttle;

    UserController(FindUserQuery users, SignInThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @GetMapping(path = "/users", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The user with exactly this e-mail address, if there is one",
            description = "Answers a list of zero or one users, without their e-mail. Each account may look up "
                    + "parley.auth.throttle.lookup-attempts (30) addresses per lookup-window (1 min).")
    @ApiResponse(responseCode = "200", description = "[] or [{id, displayName}]")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: email is missing or not an e-mail address",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "429", description = "TOO_MANY_ATTEMPTS: this account looked up too many addresses; "
            + "Retry-After says when to try again",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    Mono<List<UserCardJson>> withEmail(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                       @Parameter(description = "The exact address", required = true)
                                       @RequestParam(name = "email", required = false) String email) {
        FieldErrors errors = new FieldErrors();
        EmailAddress address = email == null ? null : errors.check("email", () -> EmailAddress.of(email));
        if (email == null) {
            errors.add("email", "is required: the exact address of the user to find");
        }
        errors.throwIfAny();
        throttle.lookup(caller);
        return users.withEmail(address).map(user -> List.of(UserCardJson.from(user))).defaultIfEmpty(List.of());
    }
}
