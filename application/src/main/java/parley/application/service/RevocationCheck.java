package parley.application.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import parley.application.port.out.DenyListIncompleteException;
import parley.application.port.out.RevocationList;
import parley.application.port.out.SessionStore;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether a session is revoked, as fast as every request needs it: the deny-list answers; when it
 * cannot (Redis down or slow, or any other failure of it), the sessions table does, through a small cache in this process. A
 * "revoked" answer is kept for good (revocation is final), a "not revoked" one for
 * {@link SessionPolicy#fallbackCacheTtl()} only: that is how late this gateway can notice a
 * revocation while Redis is down. With the table unreachable too, the answer is an outage
 * (SERVICE_UNAVAILABLE), never "not revoked".
 *
 * <p>A deny-list that is not known to be complete (its sentinel is gone: Redis restarted empty, was
 * flushed or failed over) cannot answer either: the table answers, and the list is re-seeded from
 * the table in the background, one re-seed at a time in this process.
 */
final class RevocationCheck {

    private static final System.Logger log = System.getLogger(RevocationCheck.class.getName());
    /** Ids per deny-list or table round trip when many sessions are looked up at once. */
    static final int BATCH = 500;
    /** A re-seed that has not finished by then is given up (and started again by the next look-up that needs it). */
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(5);

    private final RevocationList denyList;
    private final SessionStore store;
    private final InstantSource clock;
    private final SessionPolicy policy;
    private final Map<SessionId, Answer> fallback;
    private final Supplier<Duration> denyListTtl;
    private final AtomicReference<Mono<Boolean>> restoring = new AtomicReference<>();

    private record Answer(boolean revoked, Instant checkedAt) {
    }

    /** {@code denyListTtl}: how long deny-list entries live, i.e. how far back a re-seed reads the table. */
    RevocationCheck(RevocationList denyList, SessionStore store, InstantSource clock, SessionPolicy policy, Supplier<Duration> denyListTtl) {
        this.denyList = denyList;
        this.denyListTtl = denyListTtl;
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
                .onErrorResume(failure -> {
                    restoreIfLost(failure);
                    return fromTable(id);
                });
    }

    /**
     * Which of {@code ids} are revoked: per batch of {@link #BATCH}, one deny-list round trip, or
     * (when the list cannot answer, for whatever reason) one table query. Unlike {@link #isRevoked},
     * ids the table does not know are not reported (it is a sweep over sockets whose tokens passed).
     */
    Mono<Set<SessionId>> revokedAmong(Set<SessionId> ids) {
        return Flux.fromIterable(ids)
                .buffer(BATCH)
                .concatMap(batch -> {
                    Set<SessionId> some = Set.copyOf(batch);
                    return denyList.deniedAmong(some)
                            .timeout(policy.denyListTimeout())
                            .onErrorResume(failure -> {
                                restoreIfLost(failure);
                                return store.revokedAmong(some).collect(Collectors.toUnmodifiableSet());
                            });
                })
                .<SessionId>flatMapIterable(revoked -> revoked)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Re-seeds the deny-list from the table unless it is complete; a call while a re-seed runs in
     * this process joins that one. The entries are those of every session revoked within the deny-list
     * TTL, each with what is left of it; then the sentinel is set.
     */
    Mono<Boolean> restoreIfIncomplete() {
        return Mono.defer(() -> {
            Mono<Boolean> running = restoring.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Mono<Boolean>> self = new AtomicReference<>();
            Mono<Boolean> restore = denyList.isComplete()
                    .flatMap(complete -> complete ? Mono.just(true) : refill())
                    .timeout(RESTORE_TIMEOUT)
                    .doFinally(signal -> restoring.compareAndSet(self.get(), null))
                    .cache();
            self.set(restore);
            return restoring.compareAndSet(null, restore) ? restore : restoreIfIncomplete();
        });
    }

    private Mono<Boolean> refill() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Duration ttl = denyListTtl.get();
            log.log(System.Logger.Level.WARNING, "The deny-list is not known to be complete; re-seeding it from the sessions table");
            Flux<RevocationList.Denial> denials = store.revokedSince(now.minus(ttl))
                    .map(revoked -> new RevocationList.Denial(revoked.id(), revoked.userId(),
                            Duration.between(now, revoked.revokedAt().plus(ttl))))
                    .filter(denial -> denial.ttl().isPositive());
            return denyList.refill(denials)
                    .doOnNext(complete -> log.log(complete ? System.Logger.Level.INFO : System.Logger.Level.WARNING, complete
                            ? "The deny-list is re-seeded and complete again"
                            : "The deny-list was lost again while being re-seeded; the next look-up re-seeds it again"));
        });
    }

    private void restoreIfLost(Throwable failure) {
        if (failure instanceof DenyListIncompleteException) {
            restoreIfIncomplete().subscribe(null,
                    error -> log.log(System.Logger.Level.WARNING, "Re-seeding the deny-list failed; the next look-up tries again: " + error));
        }
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
