package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import parley.adapter.in.web.socket.ChatWebSocketHandler;
import parley.adapter.in.web.socket.socketio.SocketIoEndpoint;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.AuthenticateUseCase;
import reactor.core.publisher.Mono;

/**
 * Lets a request through only with a valid {@code Authorization: Bearer <jwt>}, and hands the
 * caller's {@link parley.domain.user.UserId} to the handlers as the exchange attribute
 * {@link #CALLER} (read with {@code @RequestAttribute(CALLER)}).
 *
 * <p>Closed by default: every path needs a token except the few listed in {@link #PUBLIC}. A new
 * endpoint is therefore protected the day it is added, and an unknown path answers 401 rather than
 * telling an anonymous client which paths exist. A refusal travels as an UNAUTHORIZED
 * {@link UseCaseException} to {@link ProblemExceptionHandler}, which answers 401 with
 * {@code WWW-Authenticate: Bearer}.
 */
@Component
@SecurityScheme(name = BearerAuthenticationFilter.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The accessToken from POST /auth/login")
final class BearerAuthenticationFilter implements WebFilter, Ordered {

    /** The exchange attribute holding the authenticated caller's UserId. */
    static final String CALLER = "parley.caller";
    /** The exchange attribute holding the authenticated {@link parley.application.model.Caller}: the user, the session, the expiry. */
    static final String CALLER_SESSION = "parley.caller.session";
    /** The name of the security scheme in the API description. */
    static final String SCHEME = "bearer";

    /**
     * Reachable without a token: signing up and in and refreshing, the contract's health check (statuses only; the
     * actuator has a port of its own, off the public one) and API docs, the static UI, and the
     * WebSocket endpoint, which checks its token itself (a browser cannot set headers on it), and
     * the Socket.IO endpoint, whose sockets authenticate with their CONNECT packet.
     */
    static final List<PathPattern> PUBLIC = parse(
            // refresh: its refresh token is the credential (the access token has often expired by then)
            "/auth/register", "/auth/login", "/auth/refresh",
            "/health", "/health/**",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**",
            ChatWebSocketHandler.PATH, "/socket.io", SocketIoEndpoint.PATH + "**",
            "/", "/index.html", "/assets/**", "/favicon.ico",
            // the browser client (ui/) is a handful of top-level static files
            "/*.js", "/*.css", "/*.svg", "/*.png");

    private static final String BEARER_PREFIX = "bearer ";

    /**
     * The actuator, public on the management port only (loopback by default, see application.yml).
     * Spring Boot runs this filter there too (the management server is a child context and takes the
     * parent's filters), and that port would otherwise answer every actuator request 401; on the
     * public port the actuator path needs a token like any other, and nothing there serves it.
     */
    private static final PathPattern ACTUATOR = PathPatternParser.defaultInstance.parse("/actuator/**");

    private final AuthenticateUseCase authenticate;
    private final Environment environment;

    BearerAuthenticationFilter(AuthenticateUseCase authenticate, Environment environment) {
        this.authenticate = authenticate;
        this.environment = environment;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // a CORS preflight never carries credentials; answering it is CrossOriginFilter's business
        PathContainer path = request.getPath().pathWithinApplication();
        if (isPublic(path) || (ACTUATOR.matches(path) && ServerPorts.onManagementPort(request, environment)) || CorsUtils.isPreFlightRequest(request)) {
            return chain.filter(exchange);
        }
        return authenticate.caller(bearerToken(request))
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.UNAUTHORIZED, "the token is invalid or expired")))
                .flatMap(caller -> {
                    exchange.getAttributes().put(CALLER, caller.userId());
                    exchange.getAttributes().put(CALLER_SESSION, caller);
                    return chain.filter(exchange);
                });
    }

    /**
     * Early, right after the socket's own check: an anonymous request is refused before anything
     * else runs for it (and its body is never read). After {@link CrossOriginFilter}, so that the
     * refusal carries the CORS grant of an allowed origin.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    static boolean isPublic(PathContainer path) {
        return PUBLIC.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /** The token of an {@code Authorization: Bearer} header; null when there is none (another scheme counts as none). */
    private static String bearerToken(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER_PREFIX)) {
            return null;
        }
        return authorization.substring(BEARER_PREFIX.length()).strip();
    }

    private static List<PathPattern> parse(String... patterns) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return java.util.Arrays.stream(patterns).map(parser::parse).toList();
    }
}
