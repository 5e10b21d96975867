package parley.adapter.in.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The browser-hardening headers on every response, whatever answers it (a controller, a static
 * file, a refusal of a filter, an error handler): set just before the response is committed, unless
 * whoever answered set them already.
 *
 * <p>The policy fits the bundled client (ui/): ES modules and one stylesheet from this origin, no
 * inline script or style (the client sets its few style properties through the CSSOM), images from
 * this origin, {@code data:} (the favicon) and {@code https:} (IMAGE messages), the socket and the
 * API on this origin. Nothing may frame the gateway. The API documentation (Swagger UI) styles its
 * elements inline, so its own paths allow inline styles and nothing more.
 */
@Component
final class ResponseHeadersFilter implements WebFilter, Ordered {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    static final String REFERRER_POLICY = "Referrer-Policy";
    static final String CLIENT_POLICY = String.join("; ",
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https:",
            "connect-src 'self'", "font-src 'self'", "manifest-src 'self'",
            "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'");
    static final String API_DOCS_POLICY = String.join("; ",
            "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
            "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'");

    private static final PathPattern SWAGGER_UI = PathPatternParser.defaultInstance.parse("/swagger-ui/**");
    private static final PathPattern SWAGGER_PAGE = PathPatternParser.defaultInstance.parse("/swagger-ui.html");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        String policy = SWAGGER_UI.matches(path) || SWAGGER_PAGE.matches(path) ? API_DOCS_POLICY : CLIENT_POLICY;
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            setIfAbsent(headers, CONTENT_SECURITY_POLICY, policy);
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            // for browsers that predate frame-ancestors
            setIfAbsent(headers, "X-Frame-Options", "DENY");
            setIfAbsent(headers, REFERRER_POLICY, "no-referrer");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static void setIfAbsent(HttpHeaders headers, String name, String value) {
        if (!headers.containsHeader(name)) {
            headers.set(name, value);
        }
    }

    /** First of all filters, so that even the earliest refusal carries the headers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
