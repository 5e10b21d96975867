package parley.adapter.in.web.socket;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.BackgroundSubscription;
import parley.application.model.SessionsRevoked;
import parley.application.port.in.SessionRevocationsQuery;
import parley.domain.session.SessionId;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Closes (4401) this gateway's sockets of every session revoked anywhere: logout, logout-all, a
 * revoked session, a reused refresh token, a password change. The revocations arrive from every
 * gateway (this one's too); a socket's session is that of the token it last authenticated with.
 *
 * <p>The announcement is fire and forget: a gateway whose subscription dropped misses it. So every
 * {@code parley.websocket.revocation-sweep-interval} the distinct sessions of the open sockets are
 * looked up (in batches: the deny-list, or the sessions table when it cannot answer) and the sockets
 * of revoked ones closed too. A sweep never overlaps the previous one (a tick that finds one running
 * is skipped), and a failed sweep is logged and the next tick tries again.
 */
@Component
class SocketRevocations extends BackgroundSubscription {

    private static final Logger log = LoggerFactory.getLogger(SocketRevocations.class);

    private final SessionRevocationsQuery revocations;
    private final SocketRegistry registry;
    private final Duration sweepInterval;

    SocketRevocations(SessionRevocationsQuery revocations, SocketRegistry registry, SocketSettings settings) {
        this.revocations = revocations;
        this.registry = registry;
        this.sweepInterval = settings.revocationSweepInterval();
    }

    void close(SessionsRevoked revoked) {
        for (ChatSession session : registry.sessions()) {
            if (session.userId().equals(revoked.userId()) && session.sessionId() != null
                    && revoked.sessionIds().contains(session.sessionId())) {
                closeRevoked(session);
            }
        }
    }

    /** Looks up the sessions of the open sockets and closes those of revoked ones; the number closed. */
    Mono<Integer> sweep() {
        return Mono.defer(() -> {
            Set<SessionId> open = new HashSet<>();
            for (ChatSession session : registry.sessions()) {
                SessionId id = session.sessionId();
                if (id != null) {
                    open.add(id);
                }
            }
            if (open.isEmpty()) {
                return Mono.just(0);
            }
            return revocations.revokedAmong(open).map(revoked -> {
                int closed = 0;
                if (!revoked.isEmpty()) {
                    for (ChatSession session : registry.sessions()) {
                        if (session.sessionId() != null && revoked.contains(session.sessionId())) {
                            closeRevoked(session);
                            closed++;
                        }
                    }
                }
                return closed;
            });
        });
    }

    private static void closeRevoked(ChatSession session) {
        try {
            session.closeWith(CloseCodes.UNAUTHORIZED, "the session was revoked; sign in again");
        } catch (RuntimeException e) {
            // one socket that fails to close must not keep the others of the revocation open
            log.warn("closing a socket of a revoked session failed: {}", e.toString());
        }
    }

    @Override
    protected Disposable subscribe() {
        Disposable announcements = listenForever(revocations.revocations().doOnNext(this::close),
                e -> log.warn("listening for revoked sessions failed; listening again: {}", e.toString()));
        Disposable sweeps = repeatEvery(sweepInterval, sweepInterval, this::sweep,
                e -> log.warn("the revoked-sessions sweep failed, next one in {}: {}", sweepInterval, e.toString()),
                closed -> {
                    if (closed > 0) {
                        log.info("closed {} socket(s) of revoked sessions whose announcement this gateway missed", closed);
                    }
                });
        return Disposables.composite(announcements, sweeps);
    }
}
