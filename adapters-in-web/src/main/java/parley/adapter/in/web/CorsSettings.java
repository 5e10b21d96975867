package parley.adapter.in.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which pages of other origins may call the gateway from a browser and read its answers
 * ({@code parley.cors.*}): the REST API and the Socket.IO endpoint, never the chat socket
 * {@code /ws} (a WebSocket handshake is no CORS request) nor the management port. See
 * {@link CrossOriginFilter} for what a granted origin may send and read.
 *
 * @param allowedOrigins origins as browsers send them in {@code Origin}, {@code scheme://host[:port]}
 *                       without a path (not even a trailing {@code /}), or {@code *} alone for any
 *                       origin (what the NestJS gateway allowed). None by default: same origin only,
 *                       answers carry no CORS headers and preflights are refused (403)
 */
@ConfigurationProperties("parley.cors")
record CorsSettings(@DefaultValue({}) List<String> allowedOrigins) {

    static final String ANY = "*";
    private static final String NAME = "parley.cors.allowed-origins";
    private static final int MAX_PORT = 65_535;

    CorsSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(CorsSettings::origin).toList();
        if (allowedOrigins.contains(ANY) && allowedOrigins.size() > 1) {
            throw new IllegalArgumentException(NAME + ": * allows every origin and must stand alone, not among " + allowedOrigins);
        }
    }

    /** Same origin only: no page of another origin gets a grant. */
    boolean sameOriginOnly() {
        return allowedOrigins.isEmpty();
    }

    boolean anyOrigin() {
        return allowedOrigins.equals(List.of(ANY));
    }

    private static String origin(String entry) {
        String value = entry == null ? "" : entry.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(NAME + " has a blank entry; list origins such as https://chat.example.com, or * for any");
        }
        if (value.equals(ANY) || isOrigin(value)) {
            return value;
        }
        throw new IllegalArgumentException(NAME + ": '" + value + "' is not an origin; write scheme://host[:port] as browsers send "
                + "it in Origin (no path, not even a trailing /, no query, no user), e.g. https://chat.example.com or "
                + "http://localhost:5173, or * alone for any origin");
    }

    private static boolean isOrigin(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return false;
        }
        return uri.getScheme() != null && value.startsWith(uri.getScheme() + "://") && uri.getHost() != null
                && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getPort() <= MAX_PORT;
    }
}
