package parley.adapter.in.web.socket;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import parley.application.model.SessionsRevoked;
import parley.application.port.in.SessionRevocationsQuery;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Closes (4401) this gateway's sockets of every session revoked anywhere: logout, logout-all, a
 * revoked session, a reused refresh token, a password change. The revocations arrive from every
 * gateway (this one's too); a socket's session is that of the token it last authenticated with.
 */
@Component
class SocketRevocations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketRevocations.class);

    private final SessionRevocationsQuery revocations;
    private final SocketRegistry registry;
    private volatile Disposable listening;

    SocketRevocations(SessionRevocationsQuery revocations, SocketRegistry registry) {
        this.revocations = revocations;
        this.registry = registry;
    }

    void close(SessionsRevoked revoked) {
        for (ChatSession session : registry.sessions()) {
            if (session.userId().equals(revoked.userId()) && session.sessionId() != null
                    && revoked.sessionIds().contains(session.sessionId())) {
                try {
                    session.closeWith(CloseCodes.UNAUTHORIZED, "the session was revoked; sign in again");
                } catch (RuntimeException e) {
                    // one socket that fails to close must not keep the others of the revocation open
                    log.warn("closing a socket of a revoked session failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void start() {
        listening = revocations.revocations()
                .doOnNext(this::close)
                .doOnError(e -> log.warn("listening for revoked sessions failed; listening again: {}", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }
}
