package parley.adapter.in.web.socket;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.stereotype.Component;
import parley.domain.user.UserId;

/**
 * Token buckets: one per user for sendMessage (shared by the user's sockets on this gateway) and
 * a factory for the per-socket bucket that bounds frames of any kind.
 */
@Component
public class SendRateLimiter {

    private final SocketSettings settings;
    private final Cache<UserId, Bucket> sendBuckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    public SendRateLimiter(SocketSettings settings) {
        this.settings = settings;
    }

    boolean trySend(UserId userId) {
        return sendBuckets.get(userId, id -> bucket(settings.sendBurst(), settings.sendRate())).tryConsume(1);
    }

    public Bucket newFrameBucket() {
        return bucket(settings.frameBurst(), settings.frameRate());
    }

    private static Bucket bucket(int burst, int perSecond) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }
}
