package parley.adapter.in.web.socket;

import java.util.UUID;
import org.springframework.stereotype.Component;
import parley.application.model.ConnectionId;
import parley.application.port.in.TrackPresenceUseCase;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * The one open and close step every connected client goes through, whatever its wire protocol:
 * a session, admitted to the registry (or refused with a close code), announced online while it
 * lives, and on any end closed, unregistered (it stops watching its rooms) and announced offline.
 */
@Component
public class SocketConnections {

    private final SocketRegistry registry;
    private final TrackPresenceUseCase presence;
    private final SocketSettings settings;

    SocketConnections(SocketRegistry registry, TrackPresenceUseCase presence, SocketSettings settings) {
        this.registry = registry;
        this.presence = presence;
        this.settings = settings;
    }

    /** A new connection's session, or why it is refused: the close code and reason to send. */
    public sealed interface Admission {
        record Admitted(ChatSession session) implements Admission {
        }

        record Refused(int closeCode, String reason) implements Admission {
        }
    }

    public Admission open(UserId userId, ChatSession.Closer closer, ServerFrames frames) {
        ChatSession session = new ChatSession(userId, new ConnectionId(UUID.randomUUID().toString()),
                settings.outboundQueueFrames(), settings.catchUpsPerSocket(), closer, frames);
        if (registry.register(session)) {
            return new Admission.Admitted(session);
        }
        return registry.isClosing()
                ? new Admission.Refused(CloseCodes.GOING_AWAY, "the gateway is shutting down")
                : new Admission.Refused(CloseCodes.TOO_MANY_SOCKETS,
                        "too many sockets: at most " + settings.socketsPerUser() + " per user on this gateway");
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
