package parley.adapter.in.web;

import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import parley.adapter.in.web.socket.ChatWebSocketHandler;
import reactor.core.publisher.Mono;

/**
 * CORS for the REST API and the Socket.IO endpoint, by Spring's {@link CorsWebFilter}, for the
 * origins of {@link CorsSettings}. A granted origin may send {@link #METHODS} with
 * {@link #REQUEST_HEADERS} (what socket.io-client's polling sends, and a bearer token; never
 * cookies: no credentials) and read {@link #EXPOSED_HEADERS}; browsers may cache a preflight's
 * answer for {@link #MAX_AGE}.
 *
 * <p>It runs before the token check, so that a 401 (and any later error) carries the grant too
 * and a page of an allowed origin can read why it was refused; preflights carry no token, and
 * {@link BearerAuthenticationFilter} lets them by. A preflight from an origin not allowed is
 * refused (403); any other request from one is answered as usual, without a grant, so the browser
 * keeps the answer from the page (as the NestJS gateway's CORS did; a same-origin request that a
 * proxy makes look cross-origin then still works).
 *
 * <p>Left alone: the chat socket {@code /ws} (a WebSocket handshake is no CORS request; it keeps
 * answering every origin that has a token) and the management port (the actuator is public there,
 * and no page of any origin may read it).
 */
@Component
final class CrossOriginFilter implements WebFilter, Ordered {

    static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);
    static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT);
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.LINK, HttpHeaders.LOCATION);
    static final Duration MAX_AGE = Duration.ofHours(1);

    /** Matched as its handler mapping and SocketAuthenticationFilter match it. */
    private static final PathPattern SOCKET = PathPatternParser.defaultInstance.parse(ChatWebSocketHandler.PATH);

    private final CorsWebFilter cors;
    private final boolean sameOriginOnly;
    private final Environment environment;

    CrossOriginFilter(CorsSettings settings, Environment environment) {
        // same origin only: no origin is allowed, so every preflight is refused (Spring would pass one without a configuration)
        CorsConfiguration configuration = configuration(settings);
        this.cors = new CorsWebFilter(exchange -> configuration, new NoGrantForOthers());
        this.sameOriginOnly = settings.sameOriginOnly();
        this.environment = environment;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // same origin only, answers are left as they were without CORS (not even a Vary: Origin)
        if (SOCKET.matches(request.getPath().pathWithinApplication()) || ServerPorts.onManagementPort(request, environment)
                || (sameOriginOnly && !CorsUtils.isPreFlightRequest(request))) {
            return chain.filter(exchange);
        }
        return cors.filter(exchange, chain);
    }

    /** Right after the hardening headers, before the socket's and the token's checks. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    private static CorsConfiguration configuration(CorsSettings settings) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(settings.allowedOrigins());
        METHODS.forEach(configuration::addAllowedMethod);
        configuration.setAllowedHeaders(REQUEST_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(MAX_AGE);
        return configuration;
    }

    /**
     * Spring's processor, except that a request other than a preflight which gets no grant (another
     * origin, another method) is answered as usual instead of with 403: CORS is the browser's to
     * enforce, and a grant withheld is enough for it.
     */
    private static final class NoGrantForOthers extends DefaultCorsProcessor {

        @Override
        protected boolean handleInternal(ServerWebExchange exchange, CorsConfiguration config, boolean preFlightRequest) {
            ServerHttpRequest request = exchange.getRequest();
            if (!preFlightRequest && (config.checkOrigin(request.getHeaders().getOrigin()) == null
                    || config.checkHttpMethod(request.getMethod()) == null)) {
                return true;
            }
            return super.handleInternal(exchange, config, preFlightRequest);
        }
    }
}
