package parley.adapter.out.redis;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import parley.application.model.RoomSignal;
import parley.application.port.out.RoomSignalBus;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.retry.Retry;

/**
 * Room signals over Redis pub/sub, one channel for all gateways. Pub/sub keeps nothing, which suits signals: a gateway
 * that is not listening just misses them.
 *
 * <p>All subscribers of one instance share a single Redis subscription, opened by the first and closed after the
 * last. A broken subscription is reopened with backoff; lines that are not signals are skipped; when subscribers fall
 * behind, the oldest signals are dropped rather than piling up (a late "typing" is worthless anyway).
 */
@Component
final class RedisRoomSignalBus implements RoomSignalBus {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomSignalBus.class);
    private static final int BACKLOG = 10_000;
    private static final int LOGGED_CHARACTERS = 120;

    private final ReactiveStringRedisTemplate redis;
    private final String channel;
    private final Flux<RoomSignal> signals;

    RedisRoomSignalBus(ReactiveStringRedisTemplate redis, RedisSettings settings) {
        this.redis = redis;
        this.channel = settings.signalChannel();
        this.signals = Flux.defer(() -> redis.listenToChannel(channel))
                .handle(RedisRoomSignalBus::decode)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(10))
                        .transientErrors(true)
                        .doBeforeRetry(retry -> log.warn("Listening to {} failed; subscribing again ({} so far)",
                                channel, retry.totalRetriesInARow() + 1, retry.failure())))
                .onBackpressureBuffer(BACKLOG, dropped -> log.debug("Dropped {}: subscribers fell behind", dropped),
                        BufferOverflowStrategy.DROP_OLDEST)
                .share();
    }

    @Override
    public Mono<Void> publish(RoomSignal signal) {
        return redis.convertAndSend(channel, RoomSignalCodec.encode(signal)).then()
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Flux<RoomSignal> signals() {
        return signals
                .onErrorMap(RedisFailures::translated);
    }

    private static void decode(ReactiveSubscription.Message<String, String> message, SynchronousSink<RoomSignal> sink) {
        String text = message.getMessage();
        RoomSignalCodec.decode(text).ifPresentOrElse(sink::next, () -> log.warn("Skipped a message on {} that is not a room signal: {}",
                message.getChannel(), abbreviate(text)));
    }

    /** Short, and without control characters: whoever can publish on the channel must not forge log lines. */
    private static String abbreviate(String text) {
        if (text == null) {
            return "(null)";
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), LOGGED_CHARACTERS) + 1);
        text.codePoints().limit(LOGGED_CHARACTERS)
                .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (text.codePointCount(0, text.length()) > LOGGED_CHARACTERS) {
            shown.append('…');
        }
        return shown.toString();
    }
}
