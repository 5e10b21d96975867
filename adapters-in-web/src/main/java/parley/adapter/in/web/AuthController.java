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
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Parameter;
import parley.application.model.Caller;
import parley.application.port.in.ChangePasswordUseCase;
import parley.application.port.in.GetCurrentUserQuery;
import parley.application.port.in.ListSessionsQuery;
import parley.application.port.in.LogOutUseCase;
import parley.application.port.in.RefreshSessionUseCase;
import parley.application.port.in.RevokeSessionUseCase;
import parley.domain.session.SessionId;
import parley.application.port.in.LogInCommand;
import parley.application.port.in.LogInUseCase;
import parley.application.port.in.RegisterUserCommand;
import parley.application.port.in.RegisterUserUseCase;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Signing up, signing in, who am I, and the caller's sessions. */
@RestController
@RequestMapping(path = "/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Authentication")
final class AuthController {

    private final RegisterUserUseCase registration;
    private final LogInUseCase logIn;
    private final GetCurrentUserQuery currentUser;
    private final SignInThrottle throttle;
    private final ClientAddresses clients;
    private final RefreshSessionUseCase refresh;
    private final LogOutUseCase logOut;
    private final ListSessionsQuery sessions;
    private final RevokeSessionUseCase revokeSession;
    private final ChangePasswordUseCase changePassword;

    AuthController(RegisterUserUseCase registration, LogInUseCase logIn, GetCurrentUserQuery currentUser, SignInThrottle throttle,
                   ClientAddresses clients, RefreshSessionUseCase refresh, LogOutUseCase logOut, ListSessionsQuery sessions,
                   RevokeSessionUseCase revokeSession, ChangePasswordUseCase changePassword) {
        this.registration = registration;
        this.logIn = logIn;
        this.currentUser = currentUser;
        this.throttle = throttle;
        this.clients = clients;
        this.refresh = refresh;
        this.logOut = logOut;
        this.sessions = sessions;
        this.revokeSession = revokeSession;
        this.changePassword = changePassword;
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
        throttle.signIn(command.email().value(), clients.of(request));
        return registration.register(command).map(UserJson::from);
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange e-mail and password for a new session: an access token and a refresh token", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = LogInRequest.class))))
    @ApiResponse(responseCode = "200", description = "A bearer token for the other endpoints")
    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS: the same answer for an unknown e-mail and a wrong password",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    @ApiProblems.TooManyAttempts
    Mono<ResponseEntity<AccessTokenJson>> logIn(@RequestBody(required = false) JsonNode body, ServerHttpRequest request) {
        LogInCommand parsed = LogInRequest.command(body);
        throttle.signIn(parsed.email(), clients.of(request));
        LogInCommand command = new LogInCommand(parsed.email(), parsed.password(), request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
        return logIn.logIn(command).map(AuthController::tokens);
    }

    /** A token is a credential: no cache on the way may keep a copy (RFC 6749, 5.1). */
    private static ResponseEntity<AccessTokenJson> tokens(parley.application.model.IssuedTokens tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(AccessTokenJson.from(tokens));
    }

    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange a refresh token, once, for new tokens of the same session", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = RefreshRequest.class))))
    @ApiResponse(responseCode = "200", description = "New tokens; the refresh token presented is used up")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: malformed, unknown, expired or revoked; REFRESH_TOKEN_REUSED: used"
            + " already, so its session has been revoked",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    @ApiProblems.TooManyAttempts
    Mono<ResponseEntity<AccessTokenJson>> refresh(@RequestBody(required = false) JsonNode body, ServerHttpRequest request) {
        String token = RefreshRequest.refreshToken(body);
        throttle.refresh(token, clients.of(request));
        return refresh.refresh(token).map(AuthController::tokens);
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the caller's session: its tokens stop working")
    @SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
    @ApiResponse(responseCode = "204", description = "The session is revoked")
    @ApiProblems.Unauthorized
    Mono<Void> logOut(@RequestAttribute(BearerAuthenticationFilter.CALLER_SESSION) Caller caller) {
        return logOut.logOut(caller);
    }

    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End every session of the caller, this one included")
    @SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
    @ApiResponse(responseCode = "204", description = "Every session is revoked")
    @ApiProblems.Unauthorized
    Mono<Void> logOutEverywhere(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller) {
        return logOut.logOutEverywhere(caller);
    }

    @GetMapping("/sessions")
    @Operation(summary = "The caller's active sessions, most recently used first")
    @SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
    @ApiResponse(responseCode = "200", description = "Sessions neither revoked nor expired; current marks the caller's own")
    @ApiProblems.Unauthorized
    Mono<List<SessionJson>> sessions(@RequestAttribute(BearerAuthenticationFilter.CALLER_SESSION) Caller caller) {
        return sessions.sessions(caller).map(views -> views.stream().map(SessionJson::from).toList());
    }

    @DeleteMapping("/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End one of the caller's sessions")
    @SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
    @ApiResponse(responseCode = "204", description = "The session is revoked (or was already)")
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND: no session of the caller's has that id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.Unauthorized
    Mono<Void> revoke(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                      @Parameter(description = "The session's ULID") @PathVariable("sessionId") String sessionId) {
        return revokeSession.revoke(caller, SessionId.of(sessionId));
    }

    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password; every other session of the caller ends", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = ChangePasswordRequest.class))))
    @SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
    @ApiResponse(responseCode = "204", description = "Changed; the other sessions are revoked, this one stays")
    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS: the current password is wrong",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    @ApiProblems.TooManyAttempts
    Mono<Void> changePassword(@RequestAttribute(BearerAuthenticationFilter.CALLER_SESSION) Caller caller,
                              @RequestBody(required = false) JsonNode body, ServerHttpRequest request) {
        var command = ChangePasswordRequest.command(body, caller);
        throttle.passwordChange(caller.userId(), clients.of(request));
        return changePassword.changePassword(command);
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
