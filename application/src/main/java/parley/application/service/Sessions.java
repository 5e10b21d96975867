package parley.application.service;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import parley.application.model.IssuedTokens;
import parley.application.model.RefreshToken;
import parley.application.model.SessionsRevoked;
import parley.application.port.out.AccessTokens;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.RevocationList;
import parley.application.port.out.SessionStore;
import parley.domain.session.RefreshSecret;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.session.UserAgent;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every session use case shares: starting a session with its tokens, and ending sessions so
 * that every gateway knows at once. The sessions table is written first and is the authority; the
 * deny-list entry follows. When the deny-list cannot be written (Redis down) the request still
 * succeeds, and the entry is written in the background as soon as Redis answers again (retried
 * for as long as a token of the session could verify); meanwhile gateways that cannot reach Redis
 * ask the table instead ({@link RevocationCheck}).
 */
final class Sessions {

    private static final System.Logger log = System.getLogger(Sessions.class.getName());
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final SessionStore store;
    private final RevocationList revocations;
    private final AccessTokens tokens;
    private final IdGenerator ids;
    private final InstantSource clock;
    private final SessionPolicy policy;

    Sessions(SessionStore store, RevocationList revocations, AccessTokens tokens, IdGenerator ids, InstantSource clock, SessionPolicy policy) {
        this.store = store;
        this.revocations = revocations;
        this.tokens = tokens;
        this.ids = ids;
        this.clock = clock;
        this.policy = policy;
    }

    /** The revocations every gateway announces. */
    Flux<SessionsRevoked> announced() {
        return revocations.revocations();
    }

    SessionStore store() {
        return store;
    }

    InstantSource clock() {
        return clock;
    }

    SessionPolicy policy() {
        return policy;
    }

    Mono<IssuedTokens> start(UserId userId, String userAgent) {
        return Mono.defer(() -> {
            RefreshSecret secret = RefreshSecret.generate();
            Session session = Session.start(ids.newSessionId(), userId, secret.hash(), UserAgent.of(userAgent), clock.instant(),
                    policy.refreshLifetime());
            return store.insert(session).thenReturn(issue(session, secret));
        });
    }

    /** How long a deny-list entry lives (and how far back a lost list is re-seeded). */
    Duration denyListTtl() {
        return policy.denyListTtl(tokens.longestValidity());
    }

    IssuedTokens issue(Session session, RefreshSecret secret) {
        return new IssuedTokens(session.id(), tokens.issue(session.userId(), session.id()),
                RefreshToken.of(session.id(), secret, policy.refreshLifetime()));
    }

    /** Denies and announces sessions already revoked in the table. */
    Mono<Void> announce(UserId userId, Set<SessionId> revoked) {
        if (revoked.isEmpty()) {
            return Mono.empty();
        }
        SessionsRevoked event = new SessionsRevoked(userId, revoked);
        // not only this gateway's token lifetime: a gateway issuing longer-lived tokens must not be under-denied
        Duration ttl = denyListTtl();
        // the table holds the revocation already: whatever kept the deny-list from taking it (an outage, or an
        // error no adapter recognised as one), the request succeeds and the entry is retried in the background
        return revocations.deny(event, ttl)
                .onErrorResume(outage -> {
                    log.log(System.Logger.Level.WARNING, "Could not put {0} revoked session(s) of {1} on the deny-list; retrying in the background", revoked.size(), userId);
                    denyPatiently(event, ttl, RETRY_FIRST)
                            .timeout(ttl)
                            .subscribe(null, failure -> log.log(System.Logger.Level.ERROR, "Gave up putting revoked sessions of " + userId + " on the deny-list", failure));
                    return Mono.empty();
                });
    }

    /** Tries again after {@code pause} while Redis is away, doubling the pause up to {@link #RETRY_MAX}. */
    private Mono<Void> denyPatiently(SessionsRevoked event, Duration ttl, Duration pause) {
        return Mono.delay(pause)
                .then(Mono.defer(() -> revocations.deny(event, ttl)))
                .onErrorResume(stillAway -> denyPatiently(event, ttl,
                        pause.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : pause.multipliedBy(2)));
    }

    Mono<Void> revoke(Session session) {
        return store.revoke(session.id(), clock.instant())
                .then(announce(session.userId(), Set.of(session.id())));
    }
}
