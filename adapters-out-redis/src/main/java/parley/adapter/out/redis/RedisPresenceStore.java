package parley.adapter.out.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import parley.application.port.out.ConnectionId;
import parley.application.port.out.PresenceStore;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Presence per connection: one sorted set per user, a member per connection, scored by the moment (epoch millis) the
 * connection stops counting. A crashed connection is never removed, yet its score passes and it stops counting while
 * the user's other tabs keep theirs fresh.
 *
 * <p>Every script reads the time from Redis ({@code TIME}), so all gateways judge expiry by one clock, and sets the
 * key to expire with its last connection, so a user who vanishes leaves nothing behind.
 */
@Component
final class RedisPresenceStore implements PresenceStore {

    /**
     * Redis before 5 replicates a script by its text and refuses writes after {@code TIME}; asking for its effects to
     * be replicated instead lifts that (on newer servers the call is a no-op or absent).
     */
    private static final String NOW = """
            if redis.replicate_commands then redis.replicate_commands() end
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local function millis(value) return string.format('%.0f', value) end
            local function expireWithLastConnection(key)
              local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
              if last[2] then redis.call('PEXPIREAT', key, millis(tonumber(last[2]))) end
            end
            """;

    /** Returns 1 when the user had no live connection before this one. */
    private static final RedisScript<Long> TOUCH = RedisScript.of(NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', millis(now))
            local wasOffline = redis.call('ZCARD', KEYS[1]) == 0
            redis.call('ZADD', KEYS[1], millis(now + tonumber(ARGV[2])), ARGV[1])
            expireWithLastConnection(KEYS[1])
            if wasOffline then return 1 else return 0 end
            """, Long.class);

    /** Returns 1 when the user has no live connection left. */
    private static final RedisScript<Long> REMOVE = RedisScript.of(NOW + """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', millis(now))
            expireWithLastConnection(KEYS[1])
            if redis.call('ZCARD', KEYS[1]) == 0 then return 1 else return 0 end
            """, Long.class);

    /** One character per key, '1' when that user has a live connection; read-only, so expired entries stay until the next write. */
    private static final RedisScript<String> ONLINE = RedisScript.of(NOW + """
            local flags = {}
            for i, key in ipairs(KEYS) do
              if redis.call('ZCOUNT', key, '(' .. millis(now), '+inf') > 0 then flags[i] = '1' else flags[i] = '0' end
            end
            return table.concat(flags)
            """, String.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisSettings settings;

    RedisPresenceStore(ReactiveStringRedisTemplate redis, RedisSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    @Override
    public Mono<Boolean> touch(ConnectionId connection, UserId userId, Duration ttl) {
        List<String> args = List.of(connection.value(), Long.toString(Math.max(1, ttl.toMillis())));
        return redis.execute(TOUCH, List.of(key(userId)), args).single().map(cameOnline -> cameOnline == 1L);
    }

    @Override
    public Mono<Boolean> remove(ConnectionId connection, UserId userId) {
        return redis.execute(REMOVE, List.of(key(userId)), List.of(connection.value())).single().map(wentOffline -> wentOffline == 1L);
    }

    @Override
    public Mono<Set<UserId>> online(Collection<UserId> userIds) {
        List<UserId> users = List.copyOf(new LinkedHashSet<>(userIds));
        if (users.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<String> keys = new ArrayList<>(users.size());
        users.forEach(user -> keys.add(key(user)));
        return redis.execute(ONLINE, keys, List.of()).single().map(flags -> {
            if (flags.length() != users.size()) {
                throw new IllegalStateException("expected " + users.size() + " presence flags, got " + flags.length());
            }
            Set<UserId> online = new HashSet<>();
            for (int i = 0; i < users.size(); i++) {
                if (flags.charAt(i) == '1') {
                    online.add(users.get(i));
                }
            }
            return Set.copyOf(online);
        });
    }

    String key(UserId userId) {
        return settings.key("presence", userId.value());
    }
}
