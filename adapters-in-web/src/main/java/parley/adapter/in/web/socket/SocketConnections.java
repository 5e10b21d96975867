package parley.adapter.in.web.socket;

import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import parley.application.model.Caller;
import parley.application.model.ConnectionId;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.application.port.in.SessionRevocationsQuery;
import parley.application.port.in.TrackPresenceUseCase;
import parley.domain.session.SessionId;
import reactor.core.publisher.Mono;

/**
 * The one open and close step every connected client goes through, whatever its wire protocol:
 * a session, admitted to the registry (or refused with a close code), announced online while it
 * lives, and on any end closed, unregistered (it stops watching its rooms) and announced offline.
 */
@Component
public class SocketConnections {

    private static final Logger log = LoggerFactory.getLogger(SocketConnections.class);

    private final SocketRegistry registry;
    private final SessionRevocationsQuery revocations;
    private final TrackPresenceUseCase presence;
    private final SocketSettings settings;
    private final InstantSource clock;
    private final Scheduler timers;

    @Autowired
    SocketConnections(SocketRegistry registry, TrackPresenceUseCase presence, SocketSettings settings, InstantSource clock,
                      SessionRevocationsQuery revocations) {
        this(registry, presence, settings, clock, revocations, Schedulers.parallel());
    }

    SocketConnections(SocketRegistry registry, TrackPresenceUseCase presence, SocketSettings settings, InstantSource clock,
                      SessionRevocationsQuery revocations, Scheduler timers) {
        this.registry = registry;
        this.revocations = revocations;
        this.presence = presence;
        this.settings = settings;
        this.clock = clock;
        this.timers = timers;
    }

    /** A new connection's session, or why it is refused: the close code and reason to send. */
    public sealed interface Admission {
        record Admitted(ChatSession session) implements Admission {
        }

        record Refused(int closeCode, String reason) implements Admission {
        }
    }

    public Admission open(Caller caller, ChatSession.Closer closer, ServerFrames frames) {
        ChatSession session = new ChatSession(caller.userId(), new ConnectionId(UUID.randomUUID().toString()),
                settings.outboundQueueFrames(), settings.catchUpsPerSocket(), closer, frames);
        if (registry.register(session)) {
            authenticated(session, caller);
            return new Admission.Admitted(session);
        }
        return registry.isClosing()
                ? new Admission.Refused(CloseCodes.GOING_AWAY, "the gateway is shutting down")
                : new Admission.Refused(CloseCodes.TOO_MANY_SOCKETS,
                        "too many sockets: at most " + settings.socketsPerUser() + " per user on this gateway");
    }

    /**
     * The socket speaks with {@code caller}'s token from now on: at open, and after a reauth. Unless
     * closing at expiry is off, the socket is closed with 4401 when that token expires. The session is
     * checked again now that the socket is registered with it: a revocation announced between the
     * token's check and this point found no socket of the session to close.
     */
    void authenticated(ChatSession session, Caller caller) {
        Disposable expiry = null;
        if (settings.closeAtTokenExpiry()) {
            Duration left = Duration.between(clock.instant(), caller.expiresAt());
            expiry = Mono.delay(left.isNegative() ? Duration.ZERO : left, timers)
                    .subscribe(tick -> session.closeWith(CloseCodes.UNAUTHORIZED, "the access token expired; reconnect with a fresh one"));
        }
        session.authenticatedAs(caller, expiry);
        SessionId sessionId = caller.session().orElse(null);
        if (sessionId != null) {
            revocations.isRevoked(sessionId).subscribe(revoked -> {
                // unless a reauth has moved the socket to another session meanwhile
                if (revoked && sessionId.equals(session.sessionId())) {
                    session.closeWith(CloseCodes.UNAUTHORIZED, "the session was revoked; sign in again");
                }
            }, failure -> log.warn("checking the session of a socket again failed (the sweep checks it later): {}", failure.toString()));
        }
    }

    /**
     * Runs an admitted connection: online first, then its inbound and outbound streams until both
     * end (the session closes when inbound ends, which ends outbound), then the close step.
     */
    public Mono<Void> serve(ChatSession session, Mono<Void> inbound, Mono<Void> outbound) {
        return presence.connected(session.connection(), session.userId())
                .then(Mono.when(inbound.doFinally(signal -> session.close()), outbound))
                .doFinally(signal -> {
                    session.close();
                    registry.unregister(session);
                    presence.disconnected(session.connection(), session.userId()).subscribe();
                });
    }
}
