package parley.adapter.out.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import parley.application.model.SessionsRevoked;
import parley.application.port.out.DenyListIncompleteException;
import parley.application.port.out.RevocationList;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The deny-list: one key per revoked session, {@code <prefix>revoked:<sessionId>}, expiring with the
 * last token that could carry it; and the announcement on the channel {@code <prefix>session-revocations},
 * one line {@code revoked <userId> <sessionId> [<sessionId> ...]}, so that every gateway can close
 * the sessions' sockets. Keys are written before the announcement: a gateway that hears of a
 * revocation finds it on the list.
 *
 * <p>The sentinel {@code <prefix>revocations:complete} (no TTL) says the list is complete. Look-ups
 * read it with the entries in one MGET; without it they fail with {@link DenyListIncompleteException}
 * (Redis restarted empty, was flushed or failed over) rather than answer "not denied". A refill marks
 * its start with a key of its own ({@code <prefix>revocations:refilling:<random>}) and sets the sentinel
 * only if that key survived the refill (one script): a list lost again meanwhile stays incomplete.
 * Redis must not evict (maxmemory-policy noeviction): an evicted entry would leave the sentinel lying.
 */
@Component
final class RedisRevocationList implements RevocationList {

    private static final Logger log = LoggerFactory.getLogger(RedisRevocationList.class);
    private static final String REVOKED = "revoked";
    private static final int BACKLOG = 10_000;
    /** Entries written at once by a refill (pipelined on the one connection). */
    private static final int REFILL_CONCURRENCY = 64;
    /** A refill marker outlives any refill; left behind by a gateway that died mid-refill, it lapses. */
    private static final Duration REFILL_MARKER_TTL = Duration.ofHours(1);
    /** Sets the sentinel (KEYS[2]) only if this refill's marker (KEYS[1]) is still there, i.e. nothing was lost meanwhile. */
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('SET', KEYS[2], ARGV[1])
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisSettings settings;
    private final String channel;
    private final String sentinel;
    private final Flux<SessionsRevoked> revocations;

    RedisRevocationList(ReactiveStringRedisTemplate redis, RedisSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.channel = settings.key("session-revocations");
        this.sentinel = settings.key("revocations", "complete");
        this.revocations = Flux.defer(() -> redis.listenToChannel(channel))
                .<SessionsRevoked>handle((message, sink) -> decode(message.getMessage()).ifPresentOrElse(sink::next,
                        () -> log.warn("Skipped a message on {} that is not a revocation", channel)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(10))
                        .transientErrors(true)
                        .doBeforeRetry(retry -> log.warn("Listening to {} failed; subscribing again", channel, retry.failure())))
                .onBackpressureBuffer(BACKLOG, dropped -> log.warn("Dropped {}: subscribers fell behind", dropped),
                        BufferOverflowStrategy.DROP_OLDEST)
                .share();
    }

    @Override
    public Mono<Void> deny(SessionsRevoked revoked, Duration ttl) {
        return Flux.fromIterable(revoked.sessionIds())
                .concatMap(id -> redis.opsForValue().set(key(id), revoked.userId().value(), ttl))
                .then(redis.convertAndSend(channel, encode(revoked)))
                .then()
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Mono<Boolean> isDenied(SessionId id) {
        return deniedAmong(Set.of(id)).map(denied -> denied.contains(id));
    }

    @Override
    public Mono<Set<SessionId>> deniedAmong(Set<SessionId> ids) {
        List<SessionId> order = List.copyOf(ids);
        List<String> keys = new ArrayList<>(order.size() + 1);
        keys.add(sentinel);
        order.forEach(id -> keys.add(key(id)));
        return redis.opsForValue().multiGet(keys)
                .onErrorMap(RedisFailures::translated)
                .flatMap(values -> {
                    if (values.isEmpty() || values.get(0) == null) {
                        return Mono.error(new DenyListIncompleteException("the deny-list's sentinel " + sentinel
                                + " is missing: Redis lost the list (a restart, a flush, a failover)"));
                    }
                    Set<SessionId> denied = new HashSet<>();
                    for (int i = 0; i < order.size(); i++) {
                        if (values.get(i + 1) != null) {
                            denied.add(order.get(i));
                        }
                    }
                    return Mono.just(Set.copyOf(denied));
                });
    }

    @Override
    public Mono<Boolean> isComplete() {
        return redis.hasKey(sentinel).onErrorMap(RedisFailures::translated);
    }

    @Override
    public Mono<Boolean> refill(Flux<Denial> denials) {
        return Mono.defer(() -> {
            String marker = settings.key("revocations", "refilling", UUID.randomUUID().toString());
            return redis.opsForValue().set(marker, "1", REFILL_MARKER_TTL)
                    .thenMany(denials.flatMap(denial -> redis.opsForValue().set(key(denial.id()), denial.userId().value(), denial.ttl()),
                            REFILL_CONCURRENCY))
                    .then(redis.execute(COMPLETE, List.of(marker, sentinel), List.of("1")).single())
                    .map(set -> set == 1L);
        }).onErrorMap(RedisFailures::translated);
    }

    @Override
    public Flux<SessionsRevoked> revocations() {
        return revocations.onErrorMap(RedisFailures::translated);
    }

    String key(SessionId id) {
        return settings.key(REVOKED, id.value());
    }

    String sentinel() {
        return sentinel;
    }

    String channel() {
        return channel;
    }

    static String encode(SessionsRevoked revoked) {
        return REVOKED + " " + revoked.userId().value() + " "
                + revoked.sessionIds().stream().map(SessionId::value).sorted().collect(Collectors.joining(" "));
    }

    static java.util.Optional<SessionsRevoked> decode(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String[] words = text.split(" ", -1);
        if (words.length < 3 || !words[0].equals(REVOKED)) {
            return java.util.Optional.empty();
        }
        try {
            Set<SessionId> ids = Arrays.stream(words, 2, words.length).map(SessionId::of).collect(Collectors.toSet());
            return java.util.Optional.of(new SessionsRevoked(UserId.of(words[1]), ids));
        } catch (IllegalArgumentException notAnId) {
            return java.util.Optional.empty();
        }
    }
}
