package parley.adapter.in.web.socket;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import parley.adapter.in.web.Failure;
import parley.application.UseCaseException;
import parley.application.port.in.AuthenticateUseCase;
import parley.application.model.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code /ws} endpoint: Parley's own JSON frames over a WebSocket. It authenticates, opens the
 * connection ({@link SocketConnections}), passes each frame through the socket's
 * {@link FrameGate} to the protocol-neutral {@link SocketCommands}, and writes what they answer
 * with {@link FrameCodec}. Frames of one socket are handled one after the other, so a client's
 * sends reach the broker in the order it sent them; a bad frame is answered with an error frame
 * and the socket stays usable. A client that floods is closed (1008), and so is one that does not
 * read (its outbound queue overflows).
 */
@Component
public class ChatWebSocketHandler implements WebSocketHandler {

    /** Where the endpoint is mapped; the upgrade filter guards the same path. */
    public static final String PATH = "/ws";

    /** How long a socket being closed gets to take the close frame before its connection is dropped. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /**
     * The session attribute with the {@link Caller} the upgrade filter verified; the handshake
     * service must copy it from the exchange to the session (its session attribute predicate).
     */
    public static final String AUTHENTICATED_USER = "parley.socket.authenticatedUser";

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final AuthenticateUseCase authenticate;
    private final SocketConnections connections;
    private final SocketCommands commands;
    private final FrameCodec codec;
    private final SocketSettings settings;
    private final SendRateLimiter limits;
    private final OpenConnections openConnections;

    ChatWebSocketHandler(AuthenticateUseCase authenticate, SocketConnections connections, SocketCommands commands,
                         FrameCodec codec, SocketSettings settings, SendRateLimiter limits, OpenConnections openConnections) {
        this.authenticate = authenticate;
        this.connections = connections;
        this.commands = commands;
        this.codec = codec;
        this.settings = settings;
        this.limits = limits;
        this.openConnections = openConnections;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        // asked for first, before anything that may answer on another thread: Reactor Netty puts its frame
        // aggregator in place here, and frames that arrive before it is there reach the handler in pieces
        Flux<WebSocketMessage> frames = socket.receive();
        if (socket.getAttributes().get(AUTHENTICATED_USER) instanceof Caller verified) {
            return serve(socket, verified, frames);
        }
        var handshake = socket.getHandshakeInfo();
        return authenticate.caller(SocketTokens.find(handshake.getUri(), handshake.getHeaders()))
                .flatMap(caller -> serve(socket, caller, frames))
                .onErrorResume(UseCaseException.class, e -> socket.close(new CloseStatus(CloseCodes.UNAUTHORIZED, "invalid token")));
    }

    private Mono<Void> serve(WebSocketSession socket, Caller caller, Flux<WebSocketMessage> frames) {
        return switch (connections.open(caller, (code, reason) -> close(socket, code, reason), codec)) {
            case SocketConnections.Admission.Refused refused -> socket.close(new CloseStatus(refused.closeCode(), refused.reason()));
            case SocketConnections.Admission.Admitted admitted -> {
                ChatSession session = admitted.session();
                FrameGate gate = new FrameGate(new FrameBudget(limits.newFrameBucket(), settings.frameBurst(), settings.floodStrikes()),
                        codec, settings.maxFrameSize().toBytes());
                Mono<Void> inbound = frames
                        .concatMap(message -> onFrame(session, gate, message))
                        .then();
                // wrap, not copy: a newMessage frame's bytes are shared by every socket of the room
                Mono<Void> outbound = socket.send(session.outbound()
                        .map(frame -> new WebSocketMessage(WebSocketMessage.Type.TEXT, socket.bufferFactory().wrap(frame))));
                yield connections.serve(session, inbound, outbound);
            }
        };
    }

    private Mono<Void> onFrame(ChatSession session, FrameGate gate, WebSocketMessage message) {
        ClientFrame frame = gate.pass(session, message);
        if (frame == null) {
            return Mono.empty();
        }
        return commands.handle(session, frame, codec.replier(session, frame.id()))
                .onErrorResume(e -> unexpected(session, e));
    }

    private Mono<Void> unexpected(ChatSession session, Throwable error) {
        log.error("unexpected failure handling a frame of connection {}", session.connection(), error);
        Failure failure = Failure.internal();
        session.emit(codec.error(null, failure.code(), failure.message()));
        return Mono.empty();
    }

    /**
     * Closes with {@code code}. A client that does not read cannot receive the close frame either,
     * and the connection would wait for that write for ever, holding its session and queue: after a
     * grace period the connection is dropped without the handshake. The close starts on the
     * connection's event loop, and not at all once the connection has ended
     * ({@link OpenConnections#whileOpen}).
     */
    private void close(WebSocketSession socket, int code, String reason) {
        openConnections.whileOpen(socket, () -> socket.close(new CloseStatus(code, reason))
                .onErrorResume(e -> Mono.empty())
                .subscribe());
        Mono.delay(CLOSE_GRACE).subscribe(tick -> openConnections.drop(socket));
    }
}
