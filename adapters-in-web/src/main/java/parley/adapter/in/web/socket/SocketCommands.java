package parley.adapter.in.web.socket;

import org.springframework.stereotype.Component;
import parley.adapter.in.web.Failure;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.AuthenticateUseCase;
import parley.application.port.in.MarkReadUseCase;
import parley.application.port.in.SendMessageCommand;
import parley.application.port.in.SendMessageUseCase;
import parley.application.port.in.SignalTypingUseCase;
import parley.application.port.in.TrackPresenceUseCase;
import parley.application.port.in.WatchRoomQuery;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.shared.InvalidValueException;
import reactor.core.publisher.Mono;

/**
 * The commands a connected client gives, whatever wire protocol carried them: join and leave a
 * room, send a message, mark it read, heartbeat, typing, and swap in a fresh token (reauth). Each ends in one {@link Outcome} given to the
 * command's {@link Replier}; a failure never escapes, so one bad command costs the socket nothing.
 */
@Component
public class SocketCommands {

    private final WatchRoomQuery watchRoom;
    private final SendMessageUseCase sendMessage;
    private final TrackPresenceUseCase presence;
    private final SignalTypingUseCase typing;
    private final MarkReadUseCase markRead;
    private final SocketRegistry registry;
    private final SendRateLimiter limits;
    private final SocketSettings settings;
    private final AuthenticateUseCase authenticate;
    private final SocketConnections connections;

    SocketCommands(WatchRoomQuery watchRoom, SendMessageUseCase sendMessage, TrackPresenceUseCase presence,
                   SignalTypingUseCase typing, MarkReadUseCase markRead, SocketRegistry registry, SendRateLimiter limits,
                   SocketSettings settings, AuthenticateUseCase authenticate, SocketConnections connections) {
        this.markRead = markRead;
        this.authenticate = authenticate;
        this.connections = connections;
        this.watchRoom = watchRoom;
        this.sendMessage = sendMessage;
        this.presence = presence;
        this.typing = typing;
        this.registry = registry;
        this.limits = limits;
        this.settings = settings;
    }

    /**
     * Whether a command of this type is answered like a send (an {@code ack} with a status on
     * {@code /ws}) rather than a {@code reply}: a protocol that refuses a command before it gets
     * here (too large, too fast, binary) answers it in the same shape.
     */
    public static boolean answeredByAck(String type) {
        return "sendMessage".equals(type);
    }

    /** Carries out {@code command} for the socket; completes when its outcome has been replied. */
    public Mono<Void> handle(ChatSession session, ClientFrame command, Replier replier) {
        return switch (command.type()) {
            case "joinRoom" -> join(session, command, replier);
            case "leaveRoom" -> leave(session, command, replier);
            case "sendMessage" -> send(session, command, replier);
            case "heartbeat" -> heartbeat(session, replier);
            case "typing" -> typing(session, command, replier);
            case "markRead" -> markRead(session, command, replier);
            case "reauth" -> reauth(session, command, replier);
            default -> {
                replier.reply(new Outcome.Failed(new Failure(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + command.type() + "'")));
                yield Mono.empty();
            }
        };
    }

    /** The reply comes before anything the room sends the socket (its catch-up first of all). */
    private Mono<Void> join(ChatSession session, ClientFrame command, Replier replier) {
        return Mono.<Void>defer(() -> {
                    RoomId roomId = roomId(command);
                    Long lastSeenSeq = command.optionalLong("lastSeenSeq");
                    if (lastSeenSeq != null && lastSeenSeq < 0) {
                        throw new InvalidValueException("lastSeenSeq", "must not be negative");
                    }
                    return watchRoom.mayWatch(roomId, session.userId())
                            .then(Mono.<Void>fromRunnable(() -> registry.watch(session, roomId, lastSeenSeq, () -> replier.reply(Outcome.DONE))));
                })
                .onErrorResume(e -> refused(replier, e));
    }

    private Mono<Void> leave(ChatSession session, ClientFrame command, Replier replier) {
        return Mono.<Void>fromRunnable(() -> {
                    registry.unwatch(session, roomId(command));
                    replier.reply(Outcome.DONE);
                })
                .onErrorResume(e -> refused(replier, e));
    }

    private Mono<Void> send(ChatSession session, ClientFrame command, Replier replier) {
        String clientMsgId = command.body().hasNonNull("clientMsgId") ? command.body().get("clientMsgId").asString() : null;
        return Mono.defer(() -> {
                    SendMessageCommand message = SendMessageCommand.of(
                            command.requiredString("roomId"), session.userId(), command.requiredString("clientMsgId"),
                            command.optionalString("messageType"), command.requiredString("content"));
                    if (!limits.trySend(session.userId())) {
                        throw new UseCaseException(ErrorCode.RATE_LIMITED, "too many messages; at most "
                                + settings.sendRate() + " per second");
                    }
                    return sendMessage.send(message);
                })
                .doOnNext(accepted -> replier.reply(new Outcome.Accepted(clientMsgId, accepted.messageId())))
                .then()
                .onErrorResume(e -> {
                    replier.reply(new Outcome.NotAccepted(clientMsgId, Failure.of(e)));
                    return Mono.empty();
                });
    }

    /**
     * Swaps in a fresh access token of the same user: the socket's expiry (and session) become the
     * new token's. A token that is not valid, is another user's, or has no session while the socket
     * has one (a token of before sessions existed, which no logout could end), is refused and the
     * socket is closed with 4401: what it was authenticated with is no longer trusted to be the client's.
     */
    private Mono<Void> reauth(ChatSession session, ClientFrame command, Replier replier) {
        return Mono.defer(() -> authenticate.caller(command.requiredString("token")))
                .flatMap(caller -> {
                    if (!caller.userId().equals(session.userId())) {
                        return Mono.<Void>error(new UseCaseException(ErrorCode.UNAUTHORIZED, "the token is another user's"));
                    }
                    if (session.sessionId() != null && caller.session().isEmpty()) {
                        // a token without a session cannot be revoked: swapping it in would make the socket outlive a logout
                        return Mono.<Void>error(new UseCaseException(ErrorCode.UNAUTHORIZED,
                                "the token has no session; a socket with a session needs a token of a session"));
                    }
                    connections.authenticated(session, caller);
                    replier.reply(Outcome.DONE);
                    return Mono.<Void>empty();
                })
                .onErrorResume(e -> {
                    Failure failure = Failure.of(e);
                    replier.reply(new Outcome.Refused(failure));
                    if (failure.code() == ErrorCode.UNAUTHORIZED || failure.code() == ErrorCode.USER_NOT_FOUND) {
                        session.closeWith(CloseCodes.UNAUTHORIZED, "reauth refused: " + failure.message());
                    }
                    return Mono.empty();
                });
    }

    /** As {@code POST /rooms/{id}/read}: forward only, a message of the room; the room's sockets get a {@code read} frame. */
    private Mono<Void> markRead(ChatSession session, ClientFrame command, Replier replier) {
        return Mono.defer(() -> markRead.markRead(roomId(command), session.userId(), messageId(command, "lastReadMessageId")))
                .then(Mono.fromRunnable(() -> replier.reply(Outcome.DONE)))
                .onErrorResume(e -> refused(replier, e))
                .then();
    }

    private Mono<Void> heartbeat(ChatSession session, Replier replier) {
        return presence.heartbeat(session.connection(), session.userId())
                .then(Mono.fromRunnable(() -> replier.reply(Outcome.DONE)));
    }

    private Mono<Void> typing(ChatSession session, ClientFrame command, Replier replier) {
        return Mono.defer(() -> typing.typing(roomId(command), session.userId()))
                .then(Mono.fromRunnable(() -> replier.reply(Outcome.SILENT)))
                .onErrorResume(e -> {
                    replier.reply(new Outcome.Failed(Failure.of(e)));
                    return Mono.empty();
                })
                .then();
    }

    private static RoomId roomId(ClientFrame command) {
        return RoomId.of(command.requiredString("roomId"));
    }

    /** A message id in the frame's {@code field}, refused under that field's name. */
    private static MessageId messageId(ClientFrame command, String field) {
        String raw = command.requiredString(field);
        try {
            return MessageId.of(raw);
        } catch (InvalidValueException invalid) {
            throw new InvalidValueException(field, invalid.reason());
        }
    }

    private static Mono<Void> refused(Replier replier, Throwable error) {
        replier.reply(new Outcome.Refused(Failure.of(error)));
        return Mono.empty();
    }
}
