package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.application.model.SessionsRevoked;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import parley.testkit.RedisEndpoint;
import parley.testkit.WithRealInfrastructure;
import reactor.test.StepVerifier;

@WithRealInfrastructure
class RedisRevocationListTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static RedisEndpoint endpoint;
    private static RedisFixture redis;
    private static RedisRevocationList list;

    private final UserId user = TestIds.user();
    private final SessionId one = SessionId.of(TestIds.user().value());
    private final SessionId two = SessionId.of(TestIds.user().value());

    @BeforeAll
    static void connect(RedisEndpoint redisEndpoint) {
        endpoint = redisEndpoint;
        redis = RedisFixture.connect(endpoint);
        list = new RedisRevocationList(redis.template(), redis.settings());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void aDeniedSessionIsOnTheListUnderItsPrefixedKeyForTheTtl() {
        assertThat(list.isDenied(one).block()).isFalse();

        list.deny(new SessionsRevoked(user, Set.of(one, two)), Duration.ofMinutes(61)).block();

        assertThat(list.isDenied(one).block()).isTrue();
        assertThat(list.isDenied(two).block()).isTrue();
        assertThat(list.isDenied(SessionId.of(TestIds.user().value())).block()).isFalse();
        String key = redis.prefix() + "revoked:" + one.value();
        assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(60).toMillis(), Duration.ofMinutes(61).toMillis());
    }

    @Test
    void anEntryLapsesByItself() {
        list.deny(new SessionsRevoked(user, Set.of(one)), Duration.ofSeconds(1)).block();

        Eventually.within(Duration.ofSeconds(10), () -> assertThat(list.isDenied(one).block()).isFalse());
    }

    @Test
    void everyGatewayHearsOfARevocation() {
        try (RedisFixture other = redis.anotherGateway(endpoint)) {
            RedisRevocationList elsewhere = new RedisRevocationList(other.template(), other.settings());
            SessionsRevoked revoked = new SessionsRevoked(user, Set.of(one, two));

            StepVerifier.create(elsewhere.revocations())
                    .then(() -> Eventually.within(PATIENCE, () -> assertThat(redis.subscribers(list.channel())).isPositive()))
                    .then(() -> list.deny(revoked, Duration.ofMinutes(1)).block())
                    .expectNext(revoked)
                    .thenCancel()
                    .verify(PATIENCE);
        }
    }

    @Test
    void linesThatAreNotRevocationsAreSkipped() {
        assertThat(RedisRevocationList.decode("revoked " + user.value())).isEmpty();
        assertThat(RedisRevocationList.decode("revoked not-an-id " + one.value())).isEmpty();
        assertThat(RedisRevocationList.decode("typing x y")).isEmpty();
        assertThat(RedisRevocationList.decode(null)).isEmpty();
        SessionsRevoked revoked = new SessionsRevoked(user, Set.of(one, two));
        assertThat(RedisRevocationList.decode(RedisRevocationList.encode(revoked))).contains(revoked);
    }
}
