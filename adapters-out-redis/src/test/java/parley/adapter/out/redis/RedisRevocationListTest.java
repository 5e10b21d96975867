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

    @org.junit.jupiter.api.BeforeEach
    void seeded() {
        // a list under a fresh prefix (or after another test's FLUSHALL) is not known to be complete until seeded (empty here)
        assertThat(list.refill(reactor.core.publisher.Flux.empty()).block()).isTrue();
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

    @Test
    void aListLostWithRedisReportsItselfIncompleteUntilRefilled() {
        SessionsRevoked revoked = new SessionsRevoked(user, Set.of(one, two));
        list.deny(revoked, Duration.ofMinutes(10)).block();
        assertThat(list.isDenied(one).block()).isTrue();

        redis.raw().flushall(); // Redis restarted empty (or failed over to a replica that never had the list)

        StepVerifier.create(list.isDenied(one)).verifyError(parley.application.port.out.DenyListIncompleteException.class);
        StepVerifier.create(list.deniedAmong(Set.of(one, two))).verifyError(parley.application.port.out.DenyListIncompleteException.class);
        assertThat(list.isComplete().block()).isFalse();

        SessionId lapsed = SessionId.of(TestIds.user().value());
        assertThat(list.refill(reactor.core.publisher.Flux.just(
                new parley.application.port.out.RevocationList.Denial(one, user, Duration.ofMinutes(5)),
                new parley.application.port.out.RevocationList.Denial(lapsed, user, Duration.ofSeconds(1)))).block()).isTrue();

        assertThat(list.isComplete().block()).isTrue();
        assertThat(redis.pttl(list.sentinel())).as("the sentinel does not lapse").isEqualTo(-1);
        assertThat(list.isDenied(one).block()).isTrue();
        assertThat(list.isDenied(two).block()).as("not refilled here").isFalse();
        assertThat(list.deniedAmong(Set.of(one, two, lapsed)).block()).contains(one).doesNotContain(two);
        assertThat(redis.pttl(list.key(one))).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
    }

    @Test
    void aRefillDuringWhichTheListIsLostAgainLeavesItIncomplete() {
        redis.raw().flushall();
        var denials = reactor.core.publisher.Flux.just(new parley.application.port.out.RevocationList.Denial(one, user, Duration.ofMinutes(5)))
                .doOnComplete(() -> redis.raw().flushall());

        assertThat(list.refill(denials).block()).isFalse();
        assertThat(list.isComplete().block()).isFalse();
        assertThat(list.refill(reactor.core.publisher.Flux.empty()).block()).as("idempotent: simply done again").isTrue();
    }

    @Test
    void manyIdsAreLookedUpInOneGo() {
        java.util.List<SessionId> many = java.util.stream.IntStream.range(0, 500).mapToObj(i -> SessionId.of(TestIds.user().value())).toList();
        list.deny(new SessionsRevoked(user, Set.of(many.get(0), many.get(499))), Duration.ofMinutes(1)).block();

        assertThat(list.deniedAmong(Set.copyOf(many)).block()).containsExactlyInAnyOrder(many.get(0), many.get(499));
    }
}
