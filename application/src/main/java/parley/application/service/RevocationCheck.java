package parley.application.service;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.application.port.out.RevocationList;
import parley.application.port.out.SessionStore;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import reactor.core.publisher.Mono;

/**
 * Whether a session is revoked, as fast as every request needs it: the deny-list answers; when it
 * cannot (Redis down or slow, or any other failure of it), the sessions table does, through a small cache in this process. A
 * "revoked" answer is kept for good (revocation is final), a "not revoked" one for
 * {@link SessionPolicy#fallbackCacheTtl()} only: that is how late this gateway can notice a
 * revocation while Redis is down. With the table unreachable too, the answer is an outage
 * (SERVICE_UNAVAILABLE), never "not revoked".
 */
final class RevocationCheck {

    private final RevocationList denyList;
    private final SessionStore store;
    private final InstantSource clock;
    private final SessionPolicy policy;
    private final Map<SessionId, Answer> fallback;

    private record Answer(boolean revoked, Instant checkedAt) {
    }

    RevocationCheck(RevocationList denyList, SessionStore store, InstantSource clock, SessionPolicy policy) {
        this.denyList = denyList;
        this.store = store;
        this.clock = clock;
        this.policy = policy;
        int capacity = policy.fallbackCacheSize();
        this.fallback = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SessionId, Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    Mono<Boolean> isRevoked(SessionId id) {
        return denyList.isDenied(id)
                .timeout(policy.denyListTimeout())
                .defaultIfEmpty(false)
                // the table is the authority: whatever kept the deny-list from answering (an outage, a timeout, an
                // error no adapter recognised as one), the table answers, and never "not revoked" by default
                .onErrorResume(failure -> fromTable(id));
    }

    private Mono<Boolean> fromTable(SessionId id) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Answer cached;
            synchronized (fallback) {
                cached = fallback.get(id);
            }
            if (cached != null && (cached.revoked() || now.isBefore(cached.checkedAt().plus(policy.fallbackCacheTtl())))) {
                return Mono.just(cached.revoked());
            }
            // a session the table does not have cannot have issued the token: refused like a revoked one
            return store.findById(id)
                    .map(Session::isRevoked)
                    .defaultIfEmpty(true)
                    .doOnNext(revoked -> {
                        synchronized (fallback) {
                            fallback.put(id, new Answer(revoked, now));
                        }
                    });
        });
    }
}
