package parley.adapter.out.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import parley.application.model.SessionsRevoked;
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
 */
@Component
final class RedisRevocationList implements RevocationList {

    private static final Logger log = LoggerFactory.getLogger(RedisRevocationList.class);
    private static final String REVOKED = "revoked";
    private static final int BACKLOG = 10_000;

    private final ReactiveStringRedisTemplate redis;
    private final RedisSettings settings;
    private final String channel;
    private final Flux<SessionsRevoked> revocations;

    RedisRevocationList(ReactiveStringRedisTemplate redis, RedisSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.channel = settings.key("session-revocations");
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
        return redis.hasKey(key(id))
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Flux<SessionsRevoked> revocations() {
        return revocations.onErrorMap(RedisFailures::translated);
    }

    String key(SessionId id) {
        return settings.key(REVOKED, id.value());
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
