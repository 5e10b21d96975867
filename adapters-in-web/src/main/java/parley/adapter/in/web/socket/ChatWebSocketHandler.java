package parley.adapter.in.web.socket;

import io.github.bucket4j.Bucket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.AuthenticateUseCase;
import parley.application.port.in.SendMessageCommand;
import parley.application.port.in.SendMessageUseCase;
import parley.application.port.in.SignalTypingUseCase;
import parley.application.port.in.TrackPresenceUseCase;
import parley.application.port.in.WatchRoomQuery;
import parley.application.port.out.ConnectionId;
import parley.domain.room.RoomId;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * The {@code /ws} endpoint. Frames of one socket are handled one after the other, so a client's
 * sends reach the broker in the order it sent them; a bad frame is answered with an error frame
 * and the socket stays usable. A client that floods is closed (1008), and so is one that does not
 * read (its outbound queue overflows).
 */
@Component
public class ChatWebSocketHandler implements WebSocketHandler {

    /** How long a socket being closed gets to take the close frame before its connection is dropped. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /**
     * The session attribute with the {@link UserId} the upgrade filter verified; the handshake
     * service must copy it from the exchange to the session (its session attribute predicate).
     */
    public static final String AUTHENTICATED_USER = "parley.socket.authenticatedUser";

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final AuthenticateUseCase authenticate;
    private final WatchRoomQuery watchRoom;
    private final SendMessageUseCase sendMessage;
    private final TrackPresenceUseCase presence;
    private final SignalTypingUseCase typing;
    private final SocketRegistry registry;
    private final FrameCodec codec;
    private final SocketSettings settings;
    private final SendRateLimiter limits;
    private final OpenConnections connections;

    ChatWebSocketHandler(AuthenticateUseCase authenticate, WatchRoomQuery watchRoom, SendMessageUseCase sendMessage,
                         TrackPresenceUseCase presence, SignalTypingUseCase typing, SocketRegistry registry,
                         FrameCodec codec, SocketSettings settings, SendRateLimiter limits, OpenConnections connections) {
        this.authenticate = authenticate;
        this.watchRoom = watchRoom;
        this.sendMessage = sendMessage;
        this.presence = presence;
        this.typing = typing;
        this.registry = registry;
        this.codec = codec;
        this.settings = settings;
        this.limits = limits;
        this.connections = connections;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        if (socket.getAttributes().get(AUTHENTICATED_USER) instanceof UserId verified) {
            return serve(socket, verified);
        }
        var handshake = socket.getHandshakeInfo();
        return authenticate.authenticate(SocketTokens.find(handshake.getUri(), handshake.getHeaders()))
                .flatMap(userId -> serve(socket, userId))
                .onErrorResume(UseCaseException.class, e -> socket.close(new CloseStatus(CloseCodes.UNAUTHORIZED, "invalid token")));
    }

    private Mono<Void> serve(WebSocketSession socket, UserId userId) {
        ConnectionId connection = new ConnectionId(UUID.randomUUID().toString());
        ChatSession session = new ChatSession(userId, connection, settings.outboundQueueFrames(), settings.catchUpsPerSocket(),
                (code, reason) -> close(socket, code, reason));
        if (!registry.register(session)) {
            return registry.isClosing()
                    ? socket.close(new CloseStatus(CloseCodes.GOING_AWAY, "the gateway is shutting down"))
                    : socket.close(new CloseStatus(CloseCodes.TOO_MANY_SOCKETS,
                            "too many sockets: at most " + settings.socketsPerUser() + " per user on this gateway"));
        }
        Bucket frames = limits.newFrameBucket();
        AtomicInteger strikes = new AtomicInteger();

        Mono<Void> inbound = socket.receive()
                .concatMap(message -> admit(socket, session, frames, strikes, message)
                        ? onFrame(session, message).onErrorResume(e -> unexpected(session, e))
                        : Mono.empty())
                .then();
        // wrap, not copy: a newMessage frame's bytes are shared by every socket of the room
        Mono<Void> outbound = socket.send(session.outbound()
                .map(frame -> new WebSocketMessage(WebSocketMessage.Type.TEXT, socket.bufferFactory().wrap(frame))));

        return presence.connected(connection, userId)
                .then(Mono.when(inbound.doFinally(signal -> session.close()), outbound))
                .doFinally(signal -> {
                    session.close();
                    registry.unregister(session);
                    presence.disconnected(connection, userId).subscribe();
                });
    }

    /** The per-socket frame budget; a socket that keeps flooding past it is closed. */
    private boolean admit(WebSocketSession socket, ChatSession session, Bucket frames, AtomicInteger strikes, WebSocketMessage message) {
        if (frames.tryConsume(1)) {
            // the record is cleared once the client has slowed down (its bucket half full again), not by
            // every token the refill hands out: a steady flood would otherwise never reach the strike limit
            if (frames.getAvailableTokens() >= settings.frameBurst() / 2) {
                strikes.set(0);
            }
            return true;
        }
        if (strikes.incrementAndGet() >= settings.floodStrikes()) {
            session.closeForPolicy("too many frames: rate limit exceeded");
        } else if (strikes.get() == 1) {
            session.emit(codec.error(null, ErrorCode.RATE_LIMITED.name(), "too many frames; slow down"));
        }
        return false;
    }

    private Mono<Void> onFrame(ChatSession session, WebSocketMessage message) {
        if (message.getType() != WebSocketMessage.Type.TEXT) {
            if (message.getType() == WebSocketMessage.Type.BINARY) {
                session.emit(codec.error(null, "UNSUPPORTED_FRAME", "only JSON text frames are accepted"));
            }
            return Mono.empty();
        }
        int size = message.getPayload().readableByteCount();
        if (size > settings.maxFrameSize().toBytes()) {
            session.emit(codec.error(null, "FRAME_TOO_LARGE",
                    "a frame may be at most " + settings.maxFrameSize().toBytes() + " bytes, this one has " + size));
            return Mono.empty();
        }
        ClientFrame frame;
        try {
            frame = codec.read(strictUtf8(message));
        } catch (FrameException e) {
            session.emit(codec.error(e.frameId(), e.code(), e.getMessage()));
            return Mono.empty();
        }
        return switch (frame.type()) {
            case "joinRoom" -> join(session, frame);
            case "leaveRoom" -> leave(session, frame);
            case "sendMessage" -> send(session, frame);
            case "heartbeat" -> presence.heartbeat(session.connection(), session.userId())
                    .then(Mono.fromRunnable(() -> session.emit(codec.ok(frame.id()))));
            case "typing" -> typing(session, frame);
            default -> {
                session.emit(codec.error(frame.id(), "UNKNOWN_TYPE", "unknown frame type '" + frame.type() + "'"));
                yield Mono.empty();
            }
        };
    }

    /**
     * The frame's text; a payload that is not UTF-8 (RFC 6455 requires text frames to be) is a
     * MALFORMED_FRAME rather than text with replacement characters in it.
     */
    private static String strictUtf8(WebSocketMessage message) {
        byte[] bytes = new byte[message.getPayload().readableByteCount()];
        message.getPayload().read(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FrameException("MALFORMED_FRAME", "the frame is not valid UTF-8", null);
        }
    }

    private Mono<Void> join(ChatSession session, ClientFrame frame) {
        return Mono.<Void>defer(() -> {
                    RoomId roomId = roomId(frame);
                    Long lastSeenSeq = frame.optionalLong("lastSeenSeq");
                    if (lastSeenSeq != null && lastSeenSeq < 0) {
                        throw new InvalidValueException("lastSeenSeq", "must not be negative");
                    }
                    return watchRoom.mayWatch(roomId, session.userId())
                            .then(Mono.<Void>fromRunnable(() -> registry.watch(session, roomId, lastSeenSeq, codec.ok(frame.id()))));
                })
                .onErrorResume(e -> failedReply(session, frame, e));
    }

    private Mono<Void> leave(ChatSession session, ClientFrame frame) {
        return Mono.<Void>fromRunnable(() -> {
                    registry.unwatch(session, roomId(frame));
                    session.emit(codec.ok(frame.id()));
                })
                .onErrorResume(e -> failedReply(session, frame, e));
    }

    private Mono<Void> send(ChatSession session, ClientFrame frame) {
        String clientMsgId = frame.body().hasNonNull("clientMsgId") ? frame.body().get("clientMsgId").asString() : null;
        return Mono.defer(() -> {
                    SendMessageCommand command = SendMessageCommand.of(
                            frame.requiredString("roomId"), session.userId(), frame.requiredString("clientMsgId"),
                            frame.optionalString("messageType"), frame.requiredString("content"));
                    if (!limits.trySend(session.userId())) {
                        throw new UseCaseException(ErrorCode.RATE_LIMITED, "too many messages; at most "
                                + settings.sendRate() + " per second");
                    }
                    return sendMessage.send(command);
                })
                .doOnNext(accepted -> session.emit(codec.accepted(frame.id(), clientMsgId, accepted.messageId().value())))
                .then()
                .onErrorResume(e -> {
                    Problem problem = Problem.of(e);
                    // UNKNOWN: the broker may hold the message; FAILED: it certainly does not. Both: retry with the same clientMsgId
                    session.emit(ErrorCode.OUTCOME_UNKNOWN.name().equals(problem.code())
                            ? codec.unknownAck(frame.id(), clientMsgId, problem.code(), problem.message())
                            : codec.failedAck(frame.id(), clientMsgId, problem.code(), problem.message()));
                    return Mono.empty();
                });
    }

    private Mono<Void> typing(ChatSession session, ClientFrame frame) {
        return Mono.defer(() -> typing.typing(roomId(frame), session.userId()))
                .onErrorResume(e -> {
                    Problem problem = Problem.of(e);
                    session.emit(codec.error(frame.id(), problem.code(), problem.message()));
                    return Mono.empty();
                });
    }

    private static RoomId roomId(ClientFrame frame) {
        return RoomId.of(frame.requiredString("roomId"));
    }

    private Mono<Void> failedReply(ChatSession session, ClientFrame frame, Throwable error) {
        Problem problem = Problem.of(error);
        session.emit(codec.failedReply(frame.id(), problem.code(), problem.message()));
        return Mono.empty();
    }

    private Mono<Void> unexpected(ChatSession session, Throwable error) {
        log.error("unexpected failure handling a frame of connection {}", session.connection(), error);
        session.emit(codec.error(null, "INTERNAL_ERROR", "the frame could not be handled"));
        return Mono.empty();
    }

    /**
     * Closes with {@code code}. A client that does not read cannot receive the close frame either,
     * and the connection would wait for that write for ever, holding its session and queue: after a
     * grace period the connection is dropped without the handshake.
     */
    private void close(WebSocketSession socket, int code, String reason) {
        socket.close(new CloseStatus(code, reason))
                .onErrorResume(e -> Mono.empty())
                .subscribe();
        Mono.delay(CLOSE_GRACE).subscribe(tick -> connections.drop(socket));
    }

    /** The code and message a failure is reported with; internals never reach the client. */
    private record Problem(String code, String message) {
        static Problem of(Throwable error) {
            return switch (error) {
                case UseCaseException e -> new Problem(e.code().name(), e.getMessage());
                case InvalidValueException e -> new Problem(ErrorCode.VALIDATION_FAILED.name(), e.getMessage());
                case FrameException e -> new Problem(e.code(), e.getMessage());
                default -> new Problem("INTERNAL_ERROR", "the request could not be handled");
            };
        }
    }
}
