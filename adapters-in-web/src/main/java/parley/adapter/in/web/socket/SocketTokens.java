package parley.adapter.in.web.socket;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;
import java.net.URI;

/**
 * Where a WebSocket client puts its token: {@code ?token=<jwt>} (browsers cannot set headers on
 * a WebSocket) or {@code Authorization: Bearer <jwt>}.
 */
public final class SocketTokens {

    private SocketTokens() {
    }

    public static String find(URI uri, HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("token");
    }
}
