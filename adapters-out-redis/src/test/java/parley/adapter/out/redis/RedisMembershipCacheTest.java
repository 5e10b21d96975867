package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import parley.testkit.RedisEndpoint;
import parley.testkit.WithRealInfrastructure;

@WithRealInfrastructure
class RedisMembershipCacheTest {

    private static RedisFixture redis;
    private static RedisMembershipCache cache;

    private final RoomId room = TestIds.room();
    private final UserId user = TestIds.user();

    @BeforeAll
    static void connect(RedisEndpoint endpoint) {
        redis = RedisFixture.connect(endpoint);
        cache = new RedisMembershipCache(redis.template(), redis.settings());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void aMembershipNobodyRememberedIsUnknownRatherThanFalse() {
        assertThat(cache.isMember(room, user).blockOptional()).isEmpty();
    }

    @Test
    void aRememberedMemberIsAnsweredFromTheCache() {
        cache.remember(room, user, true).block();

        assertThat(cache.isMember(room, user).block()).isTrue();
    }

    @Test
    void theAnswerBelongsToOneRoomAndOneUser() {
        cache.remember(room, user, true).block();

        assertThat(cache.isMember(TestIds.room(), user).blockOptional()).isEmpty();
        assertThat(cache.isMember(room, TestIds.user()).blockOptional()).isEmpty();
    }

    @Test
    void aRememberedAnswerLivesUnderThePrefixedKeyForTheConfiguredTtl() {
        cache.remember(room, user, true).block();

        String key = redis.prefix() + "member:" + room.value() + ":" + user.value();
        assertThat(redis.raw().get(key)).isEqualTo("member");
        assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
    }

    @Test
    void aRememberedAnswerExpiresByItself() {
        RedisMembershipCache shortLived = new RedisMembershipCache(redis.template(),
                redis.settings(Duration.ofSeconds(1)));
        shortLived.remember(room, user, true).block();
        assertThat(shortLived.isMember(room, user).block()).isTrue();

        Eventually.within(Duration.ofSeconds(5), () -> assertThat(shortLived.isMember(room, user).blockOptional()).isEmpty());
    }

    @Test
    void forgettingDropsTheAnswerAtOnce() {
        cache.remember(room, user, true).block();

        cache.forget(room, user).block();

        assertThat(cache.isMember(room, user).blockOptional()).isEmpty();
    }

    @Test
    void forgettingLeavesNoKeyBehind() {
        cache.remember(room, user, true).block();

        cache.forget(room, user).block();

        assertThat(redis.raw().exists(cache.key(room, user))).isZero();
    }

    @Test
    void aMemberRememberedAgainAfterAForgetIsAnsweredAgain() {
        cache.remember(room, user, true).block();
        cache.forget(room, user).block();

        cache.remember(room, user, true).block();

        assertThat(cache.isMember(room, user).block()).isTrue();
    }

    @Test
    void aNegativeAnswerIsNotCachedAndDropsAPositiveOne() {
        cache.remember(room, user, true).block();

        cache.remember(room, user, false).block();

        assertThat(cache.isMember(room, user).blockOptional()).isEmpty();
    }
}
