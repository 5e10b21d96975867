package parley.adapter.in.web.socket.socketio;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import parley.adapter.in.web.ClientAddresses;
import parley.adapter.in.web.socket.OpenConnections;
import parley.adapter.in.web.socket.SocketTokens;
import parley.adapter.in.web.socket.StrictUtf8;
import reactor.core.publisher.Mono;

/**
 * {@code /socket.io/}: the Engine.IO v4 transports over WebFlux. A GET without {@code sid} is a
 * polling handshake; with one it is a poll, and a POST carries packets. A WebSocket upgrade
 * without {@code sid} opens a session on WebSocket straight away; with one it probes the upgrade
 * of a polling session. Requests the protocol refuses get HTTP 400 with the protocol's JSON error
 * ({@code {"code":3,"message":"Bad request"}} and the like); sessions are not authenticated here
 * but by their Socket.IO CONNECT ({@link SocketIoConnection}).
 */
@Component
public final class SocketIoEndpoint implements WebHandler {

    /** Where the endpoint is mapped (with and without the trailing slash socket.io-client sends). */
    public static final String PATH = "/socket.io/";

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SocketIoChat chat;
    private final WebSocketService webSockets;
    private final OpenConnections openConnections;
    private final ClientAddresses addresses;

    SocketIoEndpoint(SocketIoChat chat, WebSocketService webSockets, OpenConnections openConnections, ClientAddresses addresses) {
        this.chat = chat;
        this.webSockets = webSockets;
        this.openConnections = openConnections;
        this.addresses = addresses;
    }

    /** The Engine.IO handshake errors (engine.io's {@code Server.errors}). */
    enum EngineError {
        UNKNOWN_TRANSPORT(0, "Transport unknown"),
        UNKNOWN_SID(1, "Session ID unknown"),
        BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
        BAD_REQUEST(3, "Bad request"),
        UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

        final int code;
        final String message;

        EngineError(int code, String message) {
            this.code = code;
            this.message = message;
        }
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        if (!chat.settings().enabled()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return response.setComplete();
        }
        MultiValueMap<String, String> query = request.getQueryParams();
        if (!"4".equals(query.getFirst("EIO"))) {
            return refuse(response, EngineError.UNSUPPORTED_PROTOCOL_VERSION, HttpStatus.BAD_REQUEST);
        }
        String transport = query.getFirst("transport");
        String sid = query.getFirst("sid");
        if ("websocket".equals(transport)) {
            return webSocket(exchange, sid);
        }
        if (!"polling".equals(transport)) {
            return refuse(response, EngineError.UNKNOWN_TRANSPORT, HttpStatus.BAD_REQUEST);
        }
        HttpMethod method = request.getMethod();
        if (sid == null) {
            return HttpMethod.GET.equals(method) ? handshake(exchange)
                    : refuse(response, EngineError.BAD_HANDSHAKE_METHOD, HttpStatus.BAD_REQUEST);
        }
        EngineIoSession session = chat.sessions().find(sid);
        if (session == null) {
            return refuse(response, EngineError.UNKNOWN_SID, HttpStatus.BAD_REQUEST);
        }
        if (HttpMethod.GET.equals(method)) {
            return poll(response, session);
        }
        if (HttpMethod.POST.equals(method)) {
            return post(exchange, session);
        }
        return refuse(response, EngineError.BAD_REQUEST, HttpStatus.BAD_REQUEST);
    }

    private Mono<Void> handshake(ServerWebExchange exchange) {
        EngineIoSession session = chat.open(handshakeToken(exchange), addresses.of(exchange.getRequest()));
        if (session == null) {
            return busy(exchange.getResponse());
        }
        session.openOnPolling();
        return poll(exchange.getResponse(), session);
    }

    private Mono<Void> poll(ServerHttpResponse response, EngineIoSession session) {
        return session.poll()
                .flatMap(body -> write(response, body))
                .onErrorResume(EngineIoSession.RefusedRequest.class, refused -> refuse(response, EngineError.BAD_REQUEST, HttpStatus.BAD_REQUEST));
    }

    private Mono<Void> post(ServerWebExchange exchange, EngineIoSession session) {
        ServerHttpResponse response = exchange.getResponse();
        int limit = chat.settings().maxPayloadBytes();
        return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    List<String> packets = EnginePackets.split(strictUtf8(bytes));
                    return session.post(packets).then(write(response, OK));
                })
                .onErrorResume(DataBufferLimitException.class, tooLarge -> {
                    session.close("a POST body over " + limit + " bytes");
                    return refuse(response, EngineError.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE);
                })
                .onErrorResume(MalformedPacketException.class, malformed -> {
                    session.close("malformed packet: " + malformed.getMessage());
                    return refuse(response, EngineError.BAD_REQUEST, HttpStatus.BAD_REQUEST);
                })
                .onErrorResume(EngineIoSession.RefusedRequest.class, refused -> refuse(response, EngineError.BAD_REQUEST, HttpStatus.BAD_REQUEST));
    }

    private Mono<Void> webSocket(ServerWebExchange exchange, String sid) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        // what the handshake needs is checked before a session or a probe is made for it
        if (!HttpMethod.GET.equals(exchange.getRequest().getMethod()) || !"websocket".equalsIgnoreCase(headers.getUpgrade())
                || headers.getFirst("Sec-WebSocket-Key") == null) {
            return refuse(exchange.getResponse(), EngineError.BAD_REQUEST, HttpStatus.BAD_REQUEST);
        }
        if (sid == null) {
            EngineIoSession session = chat.open(handshakeToken(exchange), addresses.of(exchange.getRequest()));
            if (session == null) {
                return busy(exchange.getResponse());
            }
            WebSocketLink link = new WebSocketLink();
            return webSockets.handleRequest(exchange, socket -> {
                        session.openOnWebSocket(link);
                        return serve(socket, session, link);
                    })
                    // a handshake that failed or was given up never opened the session: it ends here (and frees its place)
                    .doFinally(signal -> {
                        if (session.transport() == null) {
                            session.close("the WebSocket handshake did not complete");
                        }
                    });
        }
        EngineIoSession session = chat.sessions().find(sid);
        if (session == null) {
            return refuse(exchange.getResponse(), EngineError.UNKNOWN_SID, HttpStatus.BAD_REQUEST);
        }
        WebSocketLink probe = session.beginProbe();
        if (probe == null) {
            return refuse(exchange.getResponse(), EngineError.BAD_REQUEST, HttpStatus.BAD_REQUEST);
        }
        AtomicBoolean served = new AtomicBoolean();
        return webSockets.handleRequest(exchange, socket -> {
                    served.set(true);
                    return serve(socket, session, probe);
                })
                .doFinally(signal -> {
                    if (!served.get()) {
                        session.endProbe(probe);
                    }
                });
    }

    /**
     * One WebSocket of a session: its text frames are the session's packets (or its probe's), and
     * it writes what the session gives it. When the session lets go of it (the session ended, or
     * the probe did not become the transport), the socket gets {@link EngineIoSession#CLOSE_GRACE}
     * to take the last packets, then its connection is dropped: a client that does not read would
     * otherwise keep it open, since neither the writer nor the close handshake can finish.
     */
    private Mono<Void> serve(WebSocketSession socket, EngineIoSession session, WebSocketLink out) {
        out.released().then(Mono.delay(EngineIoSession.CLOSE_GRACE)).subscribe(tick -> openConnections.drop(socket));
        Mono<Void> inbound = socket.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
                .concatMap(message -> Mono.fromCallable(() -> strictUtf8(message))
                        .flatMap(text -> session.onWebSocketFrame(out, text))
                        .onErrorResume(MalformedPacketException.class, malformed -> {
                            session.close("malformed packet: " + malformed.getMessage());
                            return Mono.empty();
                        }))
                .then();
        Mono<Void> outbound = socket.send(out.packets()
                        .doOnNext(session::written)
                        .map(packet -> new WebSocketMessage(WebSocketMessage.Type.TEXT, socket.bufferFactory().wrap(packet.bytes()))))
                .then(Mono.fromRunnable(() -> openConnections.whileOpen(socket, () -> socket.close().onErrorResume(e -> Mono.empty()).subscribe())));
        return Mono.when(inbound, outbound)
                .doFinally(signal -> session.webSocketEnded(out));
    }

    /** The token of the handshake request: {@code Authorization: Bearer} (the query's {@code token} has become one). */
    private static String handshakeToken(ServerWebExchange exchange) {
        return SocketTokens.find(exchange.getRequest().getURI(), exchange.getRequest().getHeaders());
    }

    private static Mono<Void> write(ServerHttpResponse response, byte[] body) {
        response.getHeaders().setContentType(TEXT);
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** As many sessions as allowed wait for their CONNECT: 503, in the protocol's error shape (code 3, Bad request). */
    private static Mono<Void> busy(ServerHttpResponse response) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return refuse(response, EngineError.BAD_REQUEST.code, "too many sessions are waiting to connect; retry later", HttpStatus.SERVICE_UNAVAILABLE);
    }

    private static Mono<Void> refuse(ServerHttpResponse response, EngineError error, HttpStatus status) {
        return refuse(response, error.code, error.message, status);
    }

    private static Mono<Void> refuse(ServerHttpResponse response, int code, String message, HttpStatus status) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"code\":" + code + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.US_ASCII);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** A polling body, and a WebSocket text frame, are UTF-8 text; anything else is a malformed payload. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StrictUtf8.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException("the payload is not valid UTF-8");
        }
    }

    private static String strictUtf8(WebSocketMessage message) {
        try {
            return StrictUtf8.decode(message.getPayload());
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException("the payload is not valid UTF-8");
        }
    }
}
