package parley.adapter.in.web.socket.socketio;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.adapter.in.web.Failure;
import parley.adapter.in.web.socket.ChatSession;
import parley.adapter.in.web.socket.ClientFrame;
import parley.adapter.in.web.socket.CloseCodes;
import parley.adapter.in.web.socket.FrameBudget;
import parley.adapter.in.web.socket.Outcome;
import parley.adapter.in.web.socket.Replier;
import parley.adapter.in.web.socket.SocketCommands;
import parley.adapter.in.web.socket.SocketConnections;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.model.Caller;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Socket.IO socket of one Engine.IO session, in namespace {@code /}. Its CONNECT packet
 * authenticates it (the token from {@code auth.token}, else the handshake's), and then it is a
 * chat session like a {@code /ws} one: each EVENT is the command of the same name, handled by the
 * shared {@code SocketCommands}, answered in the event's ack. A bad token is handled as the
 * original gateway did: the socket connects and is at once disconnected by the server, and no chat
 * session is made.
 */
final class SocketIoConnection implements EngineIoSession.Handler {

    private static final Logger log = LoggerFactory.getLogger(SocketIoConnection.class);

    /** CONNECTs to other namespaces answered per session; the next closes it (each answer is a packet queued). */
    static final int MAX_REFUSED_NAMESPACES = 8;

    private final EngineIoSession engine;
    private final SocketIoChat chat;
    private final String handshakeToken;
    private final String address;
    private final FrameBudget budget;
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private Disposable connectTimer;
    private boolean connectSeen;
    private boolean counted = true;
    private int refusedNamespaces;
    private volatile ChatSession session;

    /**
     * A new session's Socket.IO side, which holds one of the places of sessions waiting for a
     * CONNECT (of {@code address}) until it connects or ends.
     */
    SocketIoConnection(String sessionId, SocketIoChat chat, String handshakeToken, String address) {
        this.chat = chat;
        this.handshakeToken = handshakeToken;
        this.address = address;
        this.budget = chat.newBudget();
        this.engine = new EngineIoSession(sessionId, chat.settings(), chat.timers(), this, chat.sessions()::remove);
    }

    EngineIoSession engine() {
        return engine;
    }

    /** Starts the connect timeout: a session that sends no CONNECT in time is closed. */
    void awaitConnect() {
        connectTimer = Mono.delay(chat.settings().connectTimeout(), chat.timers())
                .subscribe(tick -> {
                    if (session == null) {
                        engine.close("no Socket.IO CONNECT within " + chat.settings().connectTimeout().toSeconds() + " s");
                    }
                });
    }

    /**
     * Every packet takes from the socket's budget and is checked for size before it is parsed, so
     * a flood costs no parsing, also before CONNECT. A refused EVENT of a connected socket is
     * answered (in its command's ack shape, or with an exception event); other refused packets are
     * dropped, and a flood or an oversized packet that is not an event ends the session.
     */
    @Override
    public Mono<Void> onMessage(String data) {
        ChatSession current = session;
        boolean answerable = current != null && SocketIoPackets.isEvent(data);
        SocketIoPackets.EventHeader header = answerable ? SocketIoPackets.EventHeader.peek(data) : null;
        switch (budget.take()) {
            case ADMIT -> {
            }
            case WARN, DROP -> {
                return answerable && header.ackId() != null
                        ? refuse(current, header, new Failure(ErrorCode.RATE_LIMITED, "too many packets; slow down"))
                        : Mono.empty();
            }
            case CLOSE -> {
                if (current != null) {
                    current.closeForPolicy("too many packets: rate limit exceeded");
                } else {
                    engine.close("too many packets before CONNECT");
                }
                return Mono.empty();
            }
        }
        if (tooLarge(data)) {
            if (!answerable) {
                engine.close("a packet over " + chat.socketSettings().maxFrameSize().toBytes() + " bytes");
                return Mono.empty();
            }
            return refuse(current, header, new Failure(ErrorCode.FRAME_TOO_LARGE,
                    "a packet may be at most " + chat.socketSettings().maxFrameSize().toBytes() + " bytes"));
        }
        SocketIoPacket packet = chat.packets().read(data);
        if (!packet.inMainNamespace()) {
            if (packet.type() == SocketIoPacket.Type.CONNECT) {
                refuseNamespace(packet.namespace());
            }
            return Mono.empty();
        }
        return switch (packet.type()) {
            case CONNECT -> connect(packet);
            case DISCONNECT -> {
                engine.close("the client disconnected");
                yield Mono.empty();
            }
            case EVENT, BINARY_EVENT -> current == null ? Mono.empty() : event(current, packet);
            // the server asks for no acks; an answer to none is dropped
            case ACK, BINARY_ACK, CONNECT_ERROR -> Mono.empty();
        };
    }

    private Mono<Void> connect(SocketIoPacket packet) {
        synchronized (this) {
            if (connectSeen) {
                return Mono.empty();
            }
            connectSeen = true;
        }
        // as the original: auth.token when it is a non-empty string, else the handshake's
        JsonNode token = packet.data() == null ? null : packet.data().get("token");
        String presented = token != null && token.isString() && !token.stringValue().isEmpty() ? token.stringValue() : handshakeToken;
        return chat.authenticate().caller(presented)
                .map(this::admit)
                .onErrorResume(refusal -> {
                    if (refusal instanceof UseCaseException refused
                            && (refused.code() == ErrorCode.UNAUTHORIZED || refused.code() == ErrorCode.USER_NOT_FOUND)) {
                        // as the original: connected, then disconnected by the server (the client does not retry)
                        engine.send(chat.packets().connected(chat.newSocketId()));
                        engine.send(chat.packets().disconnect());
                        engine.closeSoon("invalid token");
                    } else {
                        // the token could not be checked (an outage): a CONNECT_ERROR, and the client may come back
                        Failure failure = Failure.of(refusal);
                        if (failure.code() == ErrorCode.INTERNAL_ERROR) {
                            log.error("checking the token of a Socket.IO CONNECT failed", refusal);
                        }
                        engine.send(chat.packets().connectError(SocketIoPacket.MAIN_NAMESPACE, failure.message(),
                                Map.of("code", failure.code().name())));
                        engine.closeSoon(failure.message());
                    }
                    return Mono.just(false);
                })
                .then();
    }

    private boolean admit(Caller caller) {
        ChatSession.Closer closer = this::closeSocket;
        return switch (chat.connections().open(caller, closer, chat.frames())) {
            case SocketConnections.Admission.Refused refused -> {
                if (refused.closeCode() == CloseCodes.GOING_AWAY) {
                    engine.closeAfterFlush(refused.reason());
                } else {
                    engine.send(chat.packets().connectError(SocketIoPacket.MAIN_NAMESPACE, refused.reason(),
                            Map.of("code", ErrorCode.LIMIT_REACHED.name())));
                    engine.closeSoon(refused.reason());
                }
                yield false;
            }
            case SocketConnections.Admission.Admitted admitted -> {
                ChatSession chatSession = admitted.session();
                session = chatSession;
                connected();
                // the CONNECT answer is the session's first frame: it precedes anything the session is sent
                chatSession.emit(chat.packets().connected(chatSession.connection().value()));
                engine.attach(chatSession.outbound());
                chat.connections().serve(chatSession, ended.asMono(), Mono.empty()).subscribe();
                if (engine.isClosed()) {
                    chatSession.close();
                    ended.tryEmitEmpty();
                }
                yield true;
            }
        };
    }

    /** The session is connected: it no longer counts among those waiting for a CONNECT. */
    private void connected() {
        Disposable timer;
        synchronized (this) {
            timer = connectTimer;
            if (counted) {
                counted = false;
                chat.sessions().releaseWaiting(address);
            }
        }
        if (timer != null) {
            timer.dispose();
        }
    }

    private void refuseNamespace(String namespace) {
        boolean tooMany;
        synchronized (this) {
            tooMany = ++refusedNamespaces > MAX_REFUSED_NAMESPACES;
        }
        if (tooMany) {
            engine.close("too many CONNECTs to namespaces other than /");
        } else {
            engine.send(chat.packets().connectError(namespace, "Invalid namespace", null));
        }
    }

    private Mono<Void> refuse(ChatSession current, SocketIoPackets.EventHeader header, Failure failure) {
        Outcome outcome = SocketCommands.answeredByAck(header.name()) ? new Outcome.NotAccepted(null, failure) : new Outcome.Failed(failure);
        return answer(current, header.ackId(), outcome);
    }

    private Mono<Void> event(ChatSession current, SocketIoPacket packet) {
        String ackId = packet.ackId();
        if (packet.type() == SocketIoPacket.Type.BINARY_EVENT) {
            String name = packet.data().get(0).asString();
            return refuse(current, new SocketIoPackets.EventHeader(ackId, name), new Failure(ErrorCode.UNSUPPORTED_FRAME,
                    "binary packets are not supported; send JSON"));
        }
        JsonNode data = packet.data();
        String name = data.get(0).asString();
        JsonNode argument = data.size() > 1 ? data.get(1) : null;
        ObjectNode body = argument != null && argument.isObject() ? ((ObjectNode) argument).deepCopy() : JsonNodeFactory.instance.objectNode();
        // the original's sendMessage names the message type "type"; Parley's frames call it messageType
        if (body.has("type") && !body.has("messageType")) {
            body.set("messageType", body.get("type"));
        }
        ClientFrame command = new ClientFrame(name, ackId, body);
        return chat.commands().handle(current, command, replier(current, ackId))
                .onErrorResume(e -> {
                    log.error("unexpected failure handling a Socket.IO event of connection {}", current.connection(), e);
                    return answer(current, ackId, new Outcome.Failed(Failure.internal()));
                });
    }

    private Replier replier(ChatSession current, String ackId) {
        return outcome -> {
            byte[] frame = chat.frames().answer(ackId, outcome);
            if (frame != null) {
                current.emit(frame);
            }
        };
    }

    private Mono<Void> answer(ChatSession current, String ackId, Outcome outcome) {
        replier(current, ackId).reply(outcome);
        return Mono.empty();
    }

    /**
     * How the chat layer closes this socket. Going away (the gateway stops) only ends the
     * transport, so the client reconnects to another gateway; every other close is first explained
     * by an {@code exception} event and a server disconnect, after which the client stays away.
     */
    private void closeSocket(int code, String reason) {
        if (code == CloseCodes.GOING_AWAY) {
            engine.closeAfterFlush(reason);
            return;
        }
        // a policy close (flooding, not reading), or the token no longer holding
        engine.send(chat.frames().exception(code == CloseCodes.UNAUTHORIZED ? ErrorCode.UNAUTHORIZED : ErrorCode.RATE_LIMITED, reason));
        engine.send(chat.packets().disconnect());
        engine.closeSoon(reason);
    }

    @Override
    public void onClose(String reason) {
        Disposable timer;
        boolean release;
        synchronized (this) {
            timer = connectTimer;
            release = counted;
            counted = false;
        }
        if (timer != null) {
            timer.dispose();
        }
        if (release) {
            chat.sessions().releaseWaiting(address);
        }
        ChatSession current = session;
        if (current != null) {
            current.close();
        }
        ended.tryEmitEmpty();
    }

    private boolean tooLarge(String data) {
        long limit = chat.socketSettings().maxFrameSize().toBytes();
        return data.length() > limit || (data.length() * 3L > limit && data.getBytes(StandardCharsets.UTF_8).length > limit);
    }
}
