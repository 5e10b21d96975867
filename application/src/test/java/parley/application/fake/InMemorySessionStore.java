package parley.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.application.model.RevokedSession;
import parley.application.port.out.DependencyUnavailableException;
import parley.application.port.out.SessionStore;
import parley.domain.session.SecretHash;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sessions in memory, with the real table's compare-and-set rotation; {@link #goDown()} makes it an outage. */
public final class InMemorySessionStore implements SessionStore {

    private final Map<SessionId, Session> byId = new HashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private int reads;
    private Runnable beforeNextInsert = () -> { };

    @Override
    public Mono<Session> insert(Session session) {
        return Mono.fromCallable(() -> {
            Runnable hook;
            synchronized (this) {
                hook = beforeNextInsert;
                beforeNextInsert = () -> { };
            }
            hook.run();
            synchronized (this) {
                available();
                if (byId.containsKey(session.id())) {
                    throw new IllegalStateException("duplicate key: session " + session.id());
                }
                byId.put(session.id(), session);
                return session;
            }
        });
    }

    @Override
    public Mono<Session> findById(SessionId id) {
        return Mono.defer(() -> {
            synchronized (this) {
                available();
                reads++;
                return Mono.justOrEmpty(byId.get(id));
            }
        });
    }

    @Override
    public Mono<Boolean> replaceRotated(Session rotated, SecretHash expectedCurrent) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                available();
                Session stored = byId.get(rotated.id());
                if (stored == null || stored.isRevoked() || !stored.currentSecret().matches(expectedCurrent)) {
                    return false;
                }
                byId.put(rotated.id(), rotated);
                return true;
            }
        });
    }

    @Override
    public Mono<Boolean> revoke(SessionId id, Instant at) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                available();
                Session stored = byId.get(id);
                if (stored == null || stored.isRevoked()) {
                    return false;
                }
                byId.put(id, stored.revoked(at));
                return true;
            }
        });
    }

    @Override
    public Flux<SessionId> revokeAllOf(UserId userId, SessionId except, Instant at) {
        return Flux.defer(() -> {
            synchronized (this) {
                available();
                List<SessionId> revoked = new ArrayList<>();
                for (Session session : List.copyOf(byId.values())) {
                    if (session.userId().equals(userId) && !session.isRevoked() && !session.id().equals(except)) {
                        byId.put(session.id(), session.revoked(at));
                        revoked.add(session.id());
                    }
                }
                return Flux.fromIterable(revoked);
            }
        });
    }

    @Override
    public Flux<Session> activeOf(UserId userId, Instant now) {
        return Flux.defer(() -> {
            synchronized (this) {
                available();
                return Flux.fromIterable(byId.values().stream()
                        .filter(session -> session.userId().equals(userId) && session.isActive(now))
                        .sorted(Comparator.comparing(Session::lastUsedAt).reversed().thenComparing(Session::id))
                        .toList());
            }
        });
    }

    @Override
    public Mono<Integer> deleteEndedBefore(Instant cutoff, int limit) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                available();
                List<SessionId> ended = byId.values().stream()
                        .filter(session -> session.refreshExpiresAt().isBefore(cutoff) || session.isRevoked() && session.revokedAt().isBefore(cutoff))
                        .map(Session::id)
                        .limit(limit)
                        .toList();
                ended.forEach(byId::remove);
                return ended.size();
            }
        });
    }

    /** Runs {@code hook} when the next insert is made, just before it is stored (to interleave a race). */
    public synchronized void beforeNextInsert(Runnable hook) {
        beforeNextInsert = hook;
    }

    @Override
    public Flux<RevokedSession> revokedSince(Instant since) {
        return Flux.defer(() -> {
            synchronized (this) {
                available();
                return Flux.fromIterable(byId.values().stream()
                        .filter(session -> session.isRevoked() && session.revokedAt().isAfter(since))
                        .map(session -> new RevokedSession(session.id(), session.userId(), session.revokedAt()))
                        .toList());
            }
        });
    }

    @Override
    public Flux<SessionId> revokedAmong(Set<SessionId> ids) {
        return Flux.defer(() -> {
            synchronized (this) {
                available();
                return Flux.fromIterable(ids.stream().filter(id -> byId.containsKey(id) && byId.get(id).isRevoked()).toList());
            }
        });
    }

    /** Test helper: the stored session, without a Mono. */
    public synchronized Session find(SessionId id) {
        return byId.get(id);
    }

    /** How many look-ups by id were made (to see the fallback cache at work). */
    public synchronized int reads() {
        return reads;
    }

    public void goDown() {
        down.set(true);
    }

    public void comeBack() {
        down.set(false);
    }

    private void available() {
        if (down.get()) {
            throw new DependencyUnavailableException("the database", new java.net.ConnectException("fake outage"));
        }
    }
}
