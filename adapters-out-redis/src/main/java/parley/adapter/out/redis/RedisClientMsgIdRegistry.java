package parley.adapter.out.redis;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import parley.application.port.out.ClientMsgIdRegistry;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Claims a message id for a client's message with one script, so "read the holder, else claim" cannot interleave
 * with a concurrent claim (plain {@code SET NX} followed by {@code GET} can find the key expired in between, and
 * {@code SET NX GET} needs Redis 7). Keyed like the database's unique key: room, sender, client message id.
 * A send's usual case, a member the {@link RedisMembershipCache} knows, is one script that reads the membership
 * key and claims: one round trip instead of two. (Both keys in one script: standalone Redis/Valkey, not Cluster.)
 */
@Component
final class RedisClientMsgIdRegistry implements ClientMsgIdRegistry {

    /** Returns the holder of KEYS[1], or claims it for ARGV[1] with a time-to-live of ARGV[2] ms. */
    private static final String CLAIM_LUA = """
            local holder = redis.call('GET', KEYS[1])
            if holder then
              return holder
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]
            """;

    private static final RedisScript<String> CLAIM = RedisScript.of(CLAIM_LUA, String.class);

    /** CLAIM, after KEYS[2] (the membership key) holds ARGV[3]; nil (nothing claimed) otherwise. */
    private static final RedisScript<String> CLAIM_FOR_CACHED_MEMBER = RedisScript.of("""
            if redis.call('GET', KEYS[2]) ~= ARGV[3] then
              return false
            end
            """ + CLAIM_LUA, String.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisSettings settings;
    private final RedisMembershipCache membershipCache;

    RedisClientMsgIdRegistry(ReactiveStringRedisTemplate redis, RedisSettings settings, RedisMembershipCache membershipCache) {
        this.redis = redis;
        this.settings = settings;
        this.membershipCache = membershipCache;
    }

    @Override
    public Mono<MessageId> claim(RoomId roomId, UserId senderId, ClientMsgId clientMsgId, MessageId candidate, Duration ttl) {
        List<String> keys = List.of(key(roomId, senderId, clientMsgId));
        List<String> args = List.of(candidate.value(), Long.toString(Math.max(1, ttl.toMillis())));
        // a holder that is not a message id (written by something else) fails here, and the caller asks the store
        return redis.execute(CLAIM, keys, args).single().map(MessageId::of)
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Mono<MessageId> claimForCachedMember(RoomId roomId, UserId senderId, ClientMsgId clientMsgId, MessageId candidate,
                                                Duration ttl) {
        List<String> keys = List.of(key(roomId, senderId, clientMsgId), membershipCache.key(roomId, senderId));
        List<String> args = List.of(candidate.value(), Long.toString(Math.max(1, ttl.toMillis())), RedisMembershipCache.MEMBER);
        return redis.execute(CLAIM_FOR_CACHED_MEMBER, keys, args).next().map(MessageId::of)
                .onErrorMap(RedisFailures::translated);
    }

    String key(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
        return settings.key("client-msg", roomId.value(), senderId.value(), clientMsgId.toString());
    }
}
