package parley.application.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import parley.application.port.in.PurgeEndedSessionsUseCase;
import parley.application.port.in.RestoreDenyListUseCase;
import java.util.stream.Collectors;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.model.Caller;
import parley.application.model.IssuedTokens;
import parley.application.model.RefreshToken;
import parley.application.model.SessionView;
import parley.application.model.SessionsRevoked;
import parley.application.port.in.ListSessionsQuery;
import parley.application.port.in.LogOutUseCase;
import parley.application.port.in.RefreshSessionUseCase;
import parley.application.port.in.RevokeSessionUseCase;
import parley.application.port.in.SessionRevocationsQuery;
import parley.domain.session.RefreshSecret;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refreshing, listing and ending sessions. A refresh token works once: refreshing rotates its
 * secret, and presenting a superseded secret means two parties hold the token, so the session ends
 * for both (REFRESH_TOKEN_REUSED). Two refreshes racing with the same token are one of those cases:
 * the store lets one rotation through, the other finds its secret superseded.
 */
public final class SessionService implements RefreshSessionUseCase, LogOutUseCase, ListSessionsQuery, RevokeSessionUseCase,
        SessionRevocationsQuery, RestoreDenyListUseCase, PurgeEndedSessionsUseCase {

    /** Sessions deleted per statement, and statements per purge: a purge deletes at most 100,000 rows and holds no lock long. */
    static final int PURGE_BATCH = 1000;
    static final int PURGE_BATCHES = 100;

    private final Sessions sessions;
    private final RevocationCheck revocationCheck;

    SessionService(Sessions sessions, RevocationCheck revocationCheck) {
        this.sessions = sessions;
        this.revocationCheck = revocationCheck;
    }

    @Override
    public Mono<IssuedTokens> refresh(String refreshToken) {
        return Mono.defer(() -> RefreshToken.parse(refreshToken)
                .map(parsed -> refresh(parsed, true))
                .orElseGet(() -> Mono.error(refused())));
    }

    private Mono<IssuedTokens> refresh(RefreshToken.Parsed presented, boolean mayRetry) {
        return sessions.store().findById(presented.sessionId())
                .switchIfEmpty(Mono.error(SessionService::refused))
                .flatMap(session -> {
                    Instant now = sessions.clock().instant();
                    return switch (session.judge(presented.secret().hash(), now)) {
                        case ROTATE -> rotate(session, presented, now, mayRetry);
                        case REUSED -> sessions.revoke(session).then(Mono.error(new UseCaseException(ErrorCode.REFRESH_TOKEN_REUSED,
                                "this refresh token was used already; its session has been ended: sign in again")));
                        case EXHAUSTED -> sessions.revoke(session).then(Mono.error(new UseCaseException(ErrorCode.UNAUTHORIZED,
                                "this session has had the most refreshes a session allows (" + Session.MAX_SUPERSEDED + "): sign in again")));
                        case REVOKED, EXPIRED, UNKNOWN -> Mono.error(refused());
                    };
                });
    }

    private Mono<IssuedTokens> rotate(Session session, RefreshToken.Parsed presented, Instant now, boolean mayRetry) {
        RefreshSecret next = RefreshSecret.generate();
        Session rotated = session.rotated(next.hash(), now, sessions.policy().refreshLifetime());
        return sessions.store().replaceRotated(rotated, session.currentSecret())
                .flatMap(stored -> stored
                        ? Mono.just(sessions.issue(rotated, next))
                        // another refresh (or a revocation) came first: judged again, the secret is superseded now
                        : mayRetry ? refresh(presented, false) : Mono.error(refused()));
    }

    private static UseCaseException refused() {
        return new UseCaseException(ErrorCode.UNAUTHORIZED, "the refresh token is invalid, expired or revoked");
    }

    @Override
    public Mono<Void> logOut(Caller caller) {
        return caller.session()
                .map(id -> sessions.store().revoke(id, sessions.clock().instant())
                        .flatMap(revokedNow -> revokedNow ? sessions.announce(caller.userId(), Set.of(id)) : Mono.<Void>empty()))
                .orElseGet(Mono::empty);
    }

    @Override
    public Mono<Void> logOutEverywhere(UserId userId) {
        return revokeAllOf(userId, null);
    }

    /** Revokes the user's sessions but {@code except} (null: all of them) and announces them. */
    Mono<Void> revokeAllOf(UserId userId, SessionId except) {
        return Mono.defer(() -> sessions.store().revokeAllOf(userId, except, sessions.clock().instant())
                .collect(Collectors.toUnmodifiableSet())
                .flatMap(revoked -> sessions.announce(userId, revoked)));
    }

    @Override
    public Mono<List<SessionView>> sessions(Caller caller) {
        return Mono.defer(() -> sessions.store().activeOf(caller.userId(), sessions.clock().instant())
                .map(session -> new SessionView(session.id(), session.createdAt(), session.lastUsedAt(), session.userAgent().value(),
                        session.id().equals(caller.sessionId())))
                .collectList());
    }

    @Override
    public Flux<SessionsRevoked> revocations() {
        return sessions.announced();
    }

    @Override
    public Mono<Boolean> isRevoked(SessionId id) {
        return revocationCheck.isRevoked(id);
    }

    @Override
    public Mono<Set<SessionId>> revokedAmong(Set<SessionId> ids) {
        return ids.isEmpty() ? Mono.just(Set.of()) : revocationCheck.revokedAmong(ids);
    }

    @Override
    public Mono<Boolean> restoreIfIncomplete() {
        return revocationCheck.restoreIfIncomplete();
    }

    @Override
    public Mono<Integer> purgeEnded() {
        return Mono.defer(() -> {
            Instant cutoff = sessions.clock().instant().minus(sessions.policy().retention());
            return Flux.range(0, PURGE_BATCHES)
                    .concatMap(batch -> sessions.store().deleteEndedBefore(cutoff, PURGE_BATCH))
                    .takeUntil(deleted -> deleted < PURGE_BATCH)
                    .reduce(0, Integer::sum);
        });
    }

    @Override
    public Mono<Void> revoke(UserId userId, SessionId sessionId) {
        return sessions.store().findById(sessionId)
                .filter(session -> session.userId().equals(userId))
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.SESSION_NOT_FOUND, "no session of yours has id " + sessionId)))
                .flatMap(session -> sessions.store().revoke(sessionId, sessions.clock().instant())
                        .flatMap(revokedNow -> revokedNow ? sessions.announce(userId, Set.of(sessionId)) : Mono.<Void>empty()));
    }
}
