package parley.adapter.in.web;

import java.net.URI;
import java.util.List;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import parley.adapter.in.web.socket.ChatWebSocketHandler;
import parley.adapter.in.web.socket.socketio.SocketIoEndpoint;

/**
 * Takes a {@code token} out of the query string before anything sees the request: Spring logs
 * request URIs (HttpWebHandlerAdapter at TRACE, the WebSocket session at DEBUG), and a token in a
 * log is a credential in a log. On the socket path the token becomes an
 * {@code Authorization: Bearer} header (the Socket.IO endpoint's too: a handshake's token; unless the client sent one, which wins as before), so
 * browsers, which cannot set headers on a WebSocket, keep connecting with {@code ?token=}. Elsewhere
 * it is dropped: no REST endpoint takes a token from the query.
 *
 * <p>A decorator of the whole {@link HttpHandler}, because the first log line is written before any
 * {@code WebFilter} runs.
 */
@Component
final class QueryTokenToHeader implements WebHttpHandlerBuilderCustomizer {

    static final String TOKEN = "token";
    /** The sockets' paths, matched as their handler mapping matches them (see SocketAuthenticationFilter). */
    private static final List<PathPattern> SOCKETS = List.of(
            PathPatternParser.defaultInstance.parse(ChatWebSocketHandler.PATH),
            PathPatternParser.defaultInstance.parse("/socket.io"),
            PathPatternParser.defaultInstance.parse(SocketIoEndpoint.PATH));

    @Override
    public void customize(WebHttpHandlerBuilder builder) {
        builder.httpHandlerDecorator(handler -> (request, response) -> handler.handle(withoutQueryToken(request), response));
    }

    static ServerHttpRequest withoutQueryToken(ServerHttpRequest request) {
        String rawQuery = request.getURI().getRawQuery();
        if (rawQuery == null || !rawQuery.contains(TOKEN)) {
            return request;
        }
        UriComponents uri = UriComponentsBuilder.fromUri(request.getURI()).build(true);
        MultiValueMap<String, String> query = uri.getQueryParams();
        if (!query.containsKey(TOKEN)) {
            return request;
        }
        String token = query.getFirst(TOKEN);
        URI cleaned = UriComponentsBuilder.fromUri(request.getURI()).replaceQueryParam(TOKEN).build(true).toUri();
        boolean carry = token != null && !token.isBlank() && SOCKETS.stream().anyMatch(socket -> socket.matches(request.getPath().pathWithinApplication()))
                && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        return request.mutate().uri(cleaned).headers(headers -> {
            if (carry) {
                headers.setBearerAuth(org.springframework.web.util.UriUtils.decode(token, java.nio.charset.StandardCharsets.UTF_8));
            }
        }).build();
    }
}
