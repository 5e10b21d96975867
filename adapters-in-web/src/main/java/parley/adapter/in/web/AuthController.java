package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.GetCurrentUserQuery;
import parley.application.port.in.LogInCommand;
import parley.application.port.in.LogInUseCase;
import parley.application.port.in.RegisterUserCommand;
import parley.application.port.in.RegisterUserUseCase;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Signing up, signing in, and who am I. */
@RestController
@RequestMapping(path = "/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Authentication")
final class AuthController {

    private final RegisterUserUseCase registration;
    private final LogInUseCase logIn;
    private final GetCurrentUserQuery currentUser;
    private final SignInThrottle throttle;
    private final ClientAddresses clients;

    AuthController(RegisterUserUseCase registration, LogInUseCase logIn, GetCurrentUserQuery currentUser, SignInThrottle throttle,
                   ClientAddresses clients) {
        this.registration = registration;
        this.logIn = logIn;
        this.currentUser = currentUser;
        this.throttle = throttle;
        this.clients = clients;
    }

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = RegisterRequest.class))))
    @ApiResponse(responseCode = "201", description = "The new account")
    @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN: the address is registered already",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    @ApiProblems.TooManyAttempts
    Mono<UserJson> register(@RequestBody(required = false) JsonNode body, ServerHttpRequest request) {
        RegisterUserCommand command = RegisterRequest.command(body);
        throttle.attempt(command.email().value(), clients.of(request));
        return registration.register(command).map(UserJson::from);
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange e-mail and password for an access token", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = LogInRequest.class))))
    @ApiResponse(responseCode = "200", description = "A bearer token for the other endpoints")
    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS: the same answer for an unknown e-mail and a wrong password",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    @ApiProblems.TooManyAttempts
    Mono<ResponseEntity<AccessTokenJson>> logIn(@RequestBody(required = false) JsonNode body, ServerHttpRequest request) {
        LogInCommand command = LogInRequest.command(body);
        throttle.attempt(command.email(), clients.of(request));
        return logIn.logIn(command)
                // a token is a credential: no cache on the way may keep a copy (RFC 6749, 5.1)
                .map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(AccessTokenJson.from(token)));
    }

    @GetMapping("/me")
    @Operation(summary = "The account the token belongs to")
    @SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
    @ApiResponse(responseCode = "200", description = "The caller's account")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND: the account was deleted after the token was issued",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.Unauthorized
    Mono<UserJson> me(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller) {
        return currentUser.currentUser(caller).map(UserJson::from);
    }
}
