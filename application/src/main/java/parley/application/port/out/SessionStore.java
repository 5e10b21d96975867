package parley.application.port.out;

import java.time.Instant;
import java.util.Set;
import parley.application.model.RevokedSession;
import parley.domain.session.SecretHash;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where sessions are kept: the authority on which are revoked (the deny-list only speeds that up). */
public interface SessionStore {

    Mono<Session> insert(Session session);

    Mono<Session> findById(SessionId id);

    /**
     * Stores {@code rotated} only if the stored session still has {@code expectedCurrent} as its
     * current secret and is not revoked; false otherwise (another refresh or a revocation came first).
     */
    Mono<Boolean> replaceRotated(Session rotated, SecretHash expectedCurrent);

    /** Revokes the session at {@code at}; true when it was not revoked before. */
    Mono<Boolean> revoke(SessionId id, Instant at);

    /** Revokes every session of the user that is not revoked yet, except {@code except} (null: none); the ids revoked. */
    Flux<SessionId> revokeAllOf(UserId userId, SessionId except, Instant at);

    /** Every session revoked after {@code since} (exclusive): what a lost deny-list is re-seeded from. */
    Flux<RevokedSession> revokedSince(Instant since);

    /** Those of {@code ids} that are revoked (ids the table does not have are not among them). */
    Flux<SessionId> revokedAmong(Set<SessionId> ids);

    /** The user's sessions that are neither revoked nor expired at {@code now}, most recently used first. */
    Flux<Session> activeOf(UserId userId, Instant now);

    /**
     * Deletes at most {@code limit} sessions that ended before {@code cutoff}: revoked before it, or
     * whose refresh lifetime ran out before it. Stores shared by several gateways let concurrent
     * purges take different rows. The number deleted.
     */
    Mono<Integer> deleteEndedBefore(Instant cutoff, int limit);
}
