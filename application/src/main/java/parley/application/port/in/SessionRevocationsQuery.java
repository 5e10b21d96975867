package parley.application.port.in;

import java.util.Set;
import parley.application.model.SessionsRevoked;
import parley.domain.session.SessionId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The sessions revoked anywhere (logout, logout-all, revocation, refresh-token reuse, password change), as they are. */
public interface SessionRevocationsQuery {

    /**
     * Every revocation announced by any gateway from now on (this one's too); the sockets of those
     * sessions are to be closed. A gateway not listening misses it, but their tokens are refused all the same.
     */
    Flux<SessionsRevoked> revocations();

    /**
     * Whether the session is revoked, as a token check answers it (the deny-list, or the sessions
     * table when the list cannot answer); an outage when neither can, never "not revoked".
     */
    Mono<Boolean> isRevoked(SessionId id);

    /**
     * Which of the sessions are revoked, looked up in batches (one round trip per few hundred ids);
     * an outage when neither the deny-list nor the table can answer.
     */
    Mono<Set<SessionId>> revokedAmong(Set<SessionId> ids);
}
