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
import parley.application.model.ConnectionId;
import parley.application.port.out.PresenceStore;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence per connection: one sorted set per user, a member per connection, scored by the moment (epoch millis) the
 * connection stops counting. A crashed connection is never removed, yet its score passes and it stops counting while
 * the user's other tabs keep theirs fresh.
 *
 * <p>Who has been announced online is one more sorted set, {@code presence-online}: a member per such user, scored by
 * the moment their last connection stops counting. Each transition moves a user into it or out of it inside one
 * script, and the script that moves them reports it with the user's next version ({@code INCR} of
 * {@code presence-version:<user>}): the touch that brings them online, the remove of their last connection, or the
 * sweep that finds their last connection expired (a crashed gateway never says goodbye). So each transition is
 * announced exactly once, by one gateway, and versions order them.
 *
 * <p>Every script reads the time from Redis ({@code TIME}), so all gateways judge expiry by one clock, and sets the
 * connection key to expire with its last connection, so a user who vanishes leaves only their version behind (it
 * expires after {@link #VERSION_TTL} without transitions). The sweep names keys it builds itself, which a Redis
 * Cluster would refuse; standalone Redis or Valkey (with replicas) is what Parley runs on.
 */
@Component
final class RedisPresenceStore implements PresenceStore {

    /** A version outlives any cache of versions a gateway keeps; after this long without transitions it may start over. */
    static final Duration VERSION_TTL = Duration.ofDays(7);

    /**
     * Redis before 5 replicates a script by its text and refuses writes after {@code TIME}; asking for its effects to
     * be replicated instead lifts that (on newer servers the call is a no-op or absent).
     */
    private static final String NOW = """
            if redis.replicate_commands then redis.replicate_commands() end
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local function millis(value) return string.format('%.0f', value) end
            local function lastDeadline(key)
              local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
              return last[2]
            end
            local function expireWithLastConnection(key)
              local deadline = lastDeadline(key)
              if deadline then redis.call('PEXPIREAT', key, millis(tonumber(deadline))) end
            end
            local function nextVersion(key, ttl)
              local version = redis.call('INCR', key)
              redis.call('PEXPIRE', key, ttl)
              return version
            end
            """;

    /**
     * KEYS: connections, version, online index; ARGV: connection, ttl millis, user, version ttl millis. Returns the
     * new version when the user was not announced online, else 0.
     */
    private static final RedisScript<Long> TOUCH = RedisScript.of(NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', millis(now))
            redis.call('ZADD', KEYS[1], millis(now + tonumber(ARGV[2])), ARGV[1])
            expireWithLastConnection(KEYS[1])
            local wasOnline = redis.call('ZSCORE', KEYS[3], ARGV[3])
            redis.call('ZADD', KEYS[3], lastDeadline(KEYS[1]), ARGV[3])
            if wasOnline then return 0 end
            return nextVersion(KEYS[2], ARGV[4])
            """, Long.class);

    /**
     * KEYS: connections, version, online index; ARGV: connection, user, version ttl millis. Returns the new version
     * when this took the user offline, else 0 (another live connection, or announced offline already).
     */
    private static final RedisScript<Long> REMOVE = RedisScript.of(NOW + """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', millis(now))
            expireWithLastConnection(KEYS[1])
            local deadline = lastDeadline(KEYS[1])
            if deadline then
              if redis.call('ZSCORE', KEYS[3], ARGV[2]) then redis.call('ZADD', KEYS[3], deadline, ARGV[2]) end
              return 0
            end
            if redis.call('ZREM', KEYS[3], ARGV[2]) == 0 then return 0 end
            return nextVersion(KEYS[2], ARGV[3])
            """, Long.class);

    /**
     * KEYS: online index; ARGV: connections key prefix, version key prefix, most users, version ttl millis. Takes
     * offline the announced users whose last connection has expired; returns "user version user version ...".
     */
    private static final RedisScript<String> SWEEP = RedisScript.of(NOW + """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', millis(now), 'LIMIT', 0, tonumber(ARGV[3]))
            local gone = {}
            for _, user in ipairs(due) do
              local connections = ARGV[1] .. user
              redis.call('ZREMRANGEBYSCORE', connections, '-inf', millis(now))
              local deadline = lastDeadline(connections)
              if deadline then
                redis.call('ZADD', KEYS[1], deadline, user)
              else
                redis.call('ZREM', KEYS[1], user)
                table.insert(gone, user)
                table.insert(gone, tostring(nextVersion(ARGV[2] .. user, ARGV[4])))
              end
            end
            return table.concat(gone, ' ')
            """, String.class);

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
    public Mono<Long> touch(ConnectionId connection, UserId userId, Duration ttl) {
        List<String> args = List.of(connection.value(), Long.toString(Math.max(1, ttl.toMillis())), userId.value(), versionTtl());
        return redis.execute(TOUCH, keysOf(userId), args).single().filter(version -> version > 0)
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Mono<Long> remove(ConnectionId connection, UserId userId) {
        return redis.execute(REMOVE, keysOf(userId), List.of(connection.value(), userId.value(), versionTtl()))
                .single().filter(version -> version > 0)
                .onErrorMap(RedisFailures::translated);
    }

    @Override
    public Flux<WentOffline> sweepExpired(int max) {
        List<String> args = List.of(settings.key("presence", ""), settings.key("presence-version", ""), Integer.toString(max), versionTtl());
        return redis.execute(SWEEP, List.of(onlineIndex()), args).single().flatMapMany(gone -> {
            if (gone.isEmpty()) {
                return Flux.empty();
            }
            String[] words = gone.split(" ");
            List<WentOffline> users = new ArrayList<>(words.length / 2);
            for (int i = 0; i + 1 < words.length; i += 2) {
                users.add(new WentOffline(UserId.of(words[i]), Long.parseLong(words[i + 1])));
            }
            return Flux.fromIterable(users);
        }).onErrorMap(RedisFailures::translated);
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
        }).onErrorMap(RedisFailures::translated);
    }

    String key(UserId userId) {
        return settings.key("presence", userId.value());
    }

    String versionKey(UserId userId) {
        return settings.key("presence-version", userId.value());
    }

    String onlineIndex() {
        return settings.key("presence-online");
    }

    private List<String> keysOf(UserId userId) {
        return List.of(key(userId), versionKey(userId), onlineIndex());
    }

    private static String versionTtl() {
        return Long.toString(VERSION_TTL.toMillis());
    }
}
