package parley.adapter.out.redis;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import parley.application.port.out.MembershipCache;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Remembers who is in which room, one string key per (room, user) that expires by itself. Only positive answers are
 * kept: a join must count at once, and a miss costs one store query. A late "is a member" written just after a leave
 * is the guard's to undo (it reads the store again after caching), so forgetting is a plain delete.
 */
@Component
final class RedisMembershipCache implements MembershipCache {

    static final String MEMBER = "member";

    private final ReactiveStringRedisTemplate redis;
    private final RedisSettings settings;

    RedisMembershipCache(ReactiveStringRedisTemplate redis, RedisSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    @Override
    public Mono<Boolean> isMember(RoomId roomId, UserId userId) {
        return redis.opsForValue().get(key(roomId, userId))
                .filter(MEMBER::equals)
                .map(value -> true)
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Mono<Void> remember(RoomId roomId, UserId userId, boolean member) {
        if (!member) {
            return forget(roomId, userId);
        }
        return redis.opsForValue().set(key(roomId, userId), MEMBER, settings.membershipTtl()).then()
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Mono<Void> forget(RoomId roomId, UserId userId) {
        return redis.delete(key(roomId, userId)).then()
                .onErrorMap(RedisFailures::translated);
    }

    String key(RoomId roomId, UserId userId) {
        return settings.key("member", roomId.value(), userId.value());
    }
}
