package parley.application.port.in;

import parley.application.model.SessionsRevoked;
import reactor.core.publisher.Flux;

/** The sessions revoked anywhere (logout, logout-all, revocation, refresh-token reuse, password change), as they are. */
public interface SessionRevocationsQuery {

    /**
     * Every revocation announced by any gateway from now on (this one's too); the sockets of those
     * sessions are to be closed. A gateway not listening misses it, but their tokens are refused all the same.
     */
    Flux<SessionsRevoked> revocations();
}
