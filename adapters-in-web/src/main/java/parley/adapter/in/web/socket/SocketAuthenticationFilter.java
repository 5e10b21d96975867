package parley.adapter.in.web.socket;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import java.util.Optional;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import parley.application.UseCaseException;
import parley.application.port.in.AuthenticateUseCase;
import reactor.core.publisher.Mono;

/**
 * Refuses a WebSocket upgrade without a valid token with a plain 401 before the handshake, so
 * there is never a half-open socket for an unknown user. The user it verified travels to the
 * socket's session as {@link ChatWebSocketHandler#AUTHENTICATED_USER} (a {@code Caller}: the user, the
 * token's session and expiry), so the token is checked once.
 */
@Component
class SocketAuthenticationFilter implements WebFilter, Ordered {

    /**
     * Matched the way the handler mapping matches it ({@code SimpleUrlHandlerMapping} parses its
     * patterns with the default {@link PathPatternParser} and matches the decoded path without its
     * {@code ;} parameters): {@code /w%73} and {@code /ws;x} reach the socket handler, so they must
     * reach this check too. A raw string comparison let them upgrade without a token.
     */
    private static final PathPattern SOCKET = PathPatternParser.defaultInstance.parse(ChatWebSocketHandler.PATH);

    private final AuthenticateUseCase authenticate;

    SocketAuthenticationFilter(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!SOCKET.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        String token = SocketTokens.find(exchange.getRequest().getURI(), exchange.getRequest().getHeaders());
        return authenticate.caller(token)
                .map(Optional::of)
                .onErrorResume(UseCaseException.class, refused -> Mono.just(Optional.empty()))
                .flatMap(user -> {
                    if (user.isEmpty()) {
                        return refuse(exchange);
                    }
                    exchange.getAttributes().put(ChatWebSocketHandler.AUTHENTICATED_USER, user.get());
                    return chain.filter(exchange);
                });
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response.setComplete();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
