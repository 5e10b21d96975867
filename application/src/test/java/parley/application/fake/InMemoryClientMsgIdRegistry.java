package parley.application.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import parley.application.port.out.DependencyUnavailableException;
import parley.application.port.out.ClientMsgIdRegistry;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Claims kept in a map with put-if-absent semantics (like Redis {@code SET NX PX}); a claim lapses
 * after its time-to-live by the given clock. {@link #failing(boolean)} simulates Redis being down.
 */
public final class InMemoryClientMsgIdRegistry implements ClientMsgIdRegistry {

    private record Key(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
    }

    private record Claim(MessageId messageId, Instant expiresAt) {
    }

    private final InstantSource clock;
    private final InMemoryMembershipCache membershipCache;
    private final Map<Key, Claim> claims = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicReference<Duration> lastTtl = new AtomicReference<>();
    private final AtomicInteger fastPathAttempts = new AtomicInteger();

    /** Claims for cached members consult {@code membershipCache}, as the Redis script reads the membership key. */
    public InMemoryClientMsgIdRegistry(InstantSource clock, InMemoryMembershipCache membershipCache) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.membershipCache = Objects.requireNonNull(membershipCache, "membershipCache");
    }

    @Override
    public Mono<MessageId> claimForCachedMember(RoomId roomId, UserId senderId, ClientMsgId clientMsgId, MessageId candidate,
                                                Duration ttl) {
        return Mono.defer(() -> {
            if (failing.get() || membershipCache.isFailing()) {
                return Mono.error(new DependencyUnavailableException("the client message id registry", null));
            }
            fastPathAttempts.incrementAndGet();
            return membershipCache.cached(roomId, senderId).orElse(false)
                    ? claim(roomId, senderId, clientMsgId, candidate, ttl)
                    : Mono.empty();
        });
    }

    /** How often a claim for a cached member was asked for (answered or not). */
    public int fastPathAttempts() {
        return fastPathAttempts.get();
    }

    @Override
    public Mono<MessageId> claim(RoomId roomId, UserId senderId, ClientMsgId clientMsgId, MessageId candidate, Duration ttl) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(ttl, "ttl");
        return Mono.fromCallable(() -> {
            if (failing.get()) {
                throw new DependencyUnavailableException("the client message id registry", null);
            }
            Instant now = clock.instant();
            lastTtl.set(ttl);
            return claims.compute(new Key(roomId, senderId, clientMsgId),
                    (key, existing) -> existing != null && existing.expiresAt().isAfter(now)
                            ? existing
                            : new Claim(candidate, now.plus(ttl)))
                    .messageId();
        });
    }

    /** Test helper: the id currently holding the claim, if a live claim exists. */
    public Optional<MessageId> claimed(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
        Instant now = clock.instant();
        return Optional.ofNullable(claims.get(new Key(roomId, senderId, clientMsgId)))
                .filter(claim -> claim.expiresAt().isAfter(now))
                .map(Claim::messageId);
    }

    /** How many claims (live or lapsed) were ever made for distinct client messages. */
    public int size() {
        return claims.size();
    }

    /** The time-to-live of the most recent claim, null if none was made. */
    public Duration lastTtl() {
        return lastTtl.get();
    }

    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    /** As a Redis restarted without its data: every claim is gone. */
    public void forgetEverything() {
        claims.clear();
    }
}
