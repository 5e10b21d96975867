package parley.adapter.in.web.socket;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import java.util.Optional;
import parley.application.UseCaseException;
import parley.application.port.in.AuthenticateUseCase;
import reactor.core.publisher.Mono;

/**
 * Refuses a WebSocket upgrade without a valid token with a plain 401 before the handshake, so
 * there is never a half-open socket for an unknown user. The user it verified travels to the
 * socket's session as {@link ChatWebSocketHandler#AUTHENTICATED_USER}, so the token is checked once.
 */
@Component
class SocketAuthenticationFilter implements WebFilter, Ordered {

    static final String PATH = "/ws";

    private final AuthenticateUseCase authenticate;

    SocketAuthenticationFilter(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        String token = SocketTokens.find(exchange.getRequest().getURI(), exchange.getRequest().getHeaders());
        return authenticate.authenticate(token)
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
