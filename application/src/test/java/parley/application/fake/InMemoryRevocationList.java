package parley.application.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.application.model.SessionsRevoked;
import parley.application.port.out.DenyListIncompleteException;
import parley.application.port.out.DependencyUnavailableException;
import parley.application.port.out.RevocationList;
import parley.domain.session.SessionId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The deny-list as Redis keeps it (entries lapse after their TTL on the given clock), complete from
 * the start (as if seeded); {@link #wipe()} loses it as a Redis restart would, {@link #goDown()} makes it an outage.
 */
public final class InMemoryRevocationList implements RevocationList {

    private final java.util.concurrent.atomic.AtomicBoolean untranslated = new java.util.concurrent.atomic.AtomicBoolean();

    private final MutableClock clock;
    private final Map<SessionId, Instant> deniedUntil = new HashMap<>();
    private final List<SessionsRevoked> announced = new ArrayList<>();
    private final Sinks.Many<SessionsRevoked> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicBoolean down = new AtomicBoolean();
    private boolean complete = true;
    private volatile boolean announcing = true;
    private int refills;
    private int denyFromLookup;
    private final Map<SessionId, Integer> lookups = new HashMap<>();

    public InMemoryRevocationList(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Void> deny(SessionsRevoked revoked, Duration ttl) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                available();
                revoked.sessionIds().forEach(id -> deniedUntil.put(id, clock.instant().plus(ttl)));
                announced.add(revoked);
            }
            if (announcing) {
                sink.emitNext(revoked, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
            }
        });
    }

    @Override
    public Mono<Boolean> isDenied(SessionId id) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                available();
                requireComplete();
                if (denyFromLookup > 0 && lookups.merge(id, 1, Integer::sum) >= denyFromLookup) {
                    return true;
                }
                return denies(id);
            }
        });
    }

    @Override
    public Mono<java.util.Set<SessionId>> deniedAmong(java.util.Set<SessionId> ids) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                available();
                requireComplete();
                return ids.stream().filter(this::denies).collect(java.util.stream.Collectors.toUnmodifiableSet());
            }
        });
    }

    @Override
    public Mono<Boolean> isComplete() {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                available();
                return complete;
            }
        });
    }

    @Override
    public Mono<Boolean> refill(Flux<Denial> denials) {
        return denials.doOnNext(denial -> {
                    synchronized (this) {
                        available();
                        deniedUntil.put(denial.id(), clock.instant().plus(denial.ttl()));
                    }
                })
                .then(Mono.fromCallable(() -> {
                    synchronized (this) {
                        available();
                        refills++;
                        complete = true;
                        return true;
                    }
                }));
    }

    private void requireComplete() {
        if (!complete) {
            throw new DenyListIncompleteException("fake deny-list lost");
        }
    }

    @Override
    public Flux<SessionsRevoked> revocations() {
        return sink.asFlux();
    }

    /** Test helper: everything announced so far. */
    public synchronized List<SessionsRevoked> announced() {
        return List.copyOf(announced);
    }

    /** Test helper: whether the session has an entry that has not lapsed, without a Mono. */
    public synchronized boolean denies(SessionId id) {
        Instant until = deniedUntil.get(id);
        return until != null && clock.instant().isBefore(until);
    }

    /** Test helper: Redis restarted empty (or failed over, or evicted everything): every entry and the sentinel are gone. */
    public synchronized void wipe() {
        deniedUntil.clear();
        complete = false;
    }

    /** Test helper: whether the sentinel is there. */
    public synchronized boolean complete() {
        return complete;
    }

    /** Test helper: how many refills completed. */
    public synchronized int refills() {
        return refills;
    }

    /**
     * Test helper: from now on {@link #isDenied} answers "denied" from the {@code nth} look-up of a session on
     * (as if it were revoked right after the one before, without an announcement); 0: off again.
     */
    public synchronized void denyFromLookup(int nth) {
        denyFromLookup = nth;
        lookups.clear();
    }

    /** Test helper: denials still go on the list but are no longer announced (a gateway that missed them). */
    public void stopAnnouncing() {
        announcing = false;
    }

    public void announceAgain() {
        announcing = true;
    }

    public void goDown() {
        down.set(true);
    }

    /**
     * Fails look-ups with an error no adapter translated into an outage (as Spring Data Redis's
     * "Redis exception" around Lettuce's "Currently not connected" was).
     */
    public void failUntranslated() {
        untranslated.set(true);
    }

    public void comeBack() {
        down.set(false);
        untranslated.set(false);
    }

    private void available() {
        if (untranslated.get()) {
            throw new IllegalStateException("Redis exception");
        }
        if (down.get()) {
            throw new DependencyUnavailableException("Redis", new java.net.ConnectException("fake outage"));
        }
    }
}
