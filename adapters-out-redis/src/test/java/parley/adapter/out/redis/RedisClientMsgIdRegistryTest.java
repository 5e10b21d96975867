package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import parley.testkit.RedisEndpoint;
import parley.testkit.WithRealInfrastructure;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

@WithRealInfrastructure
class RedisClientMsgIdRegistryTest {

    private static final Duration TTL = Duration.ofMinutes(2);

    private static RedisFixture gatewayA;
    private static RedisFixture gatewayB;
    private static RedisClientMsgIdRegistry registry;
    private static RedisClientMsgIdRegistry registryOnGatewayB;
    private static RedisMembershipCache membershipCache;

    private final RoomId room = TestIds.room();
    private final UserId sender = TestIds.user();
    private final ClientMsgId clientMsgId = TestIds.clientMessage();

    @BeforeAll
    static void connect(RedisEndpoint endpoint) {
        gatewayA = RedisFixture.connect(endpoint);
        gatewayB = gatewayA.anotherGateway(endpoint);
        membershipCache = new RedisMembershipCache(gatewayA.template(), gatewayA.settings());
        registry = new RedisClientMsgIdRegistry(gatewayA.template(), gatewayA.settings(), membershipCache);
        registryOnGatewayB = new RedisClientMsgIdRegistry(gatewayB.template(), gatewayB.settings(),
                new RedisMembershipCache(gatewayB.template(), gatewayB.settings()));
    }

    @AfterAll
    static void disconnect() {
        gatewayA.close();
        gatewayB.close();
    }

    @Test
    void theFirstClaimOfAClientMessageKeepsItsId() {
        MessageId first = TestIds.message();

        assertThat(registry.claim(room, sender, clientMsgId, first, TTL).block()).isEqualTo(first);
        assertThat(registry.claim(room, sender, clientMsgId, TestIds.message(), TTL).block()).isEqualTo(first);
        assertThat(registryOnGatewayB.claim(room, sender, clientMsgId, TestIds.message(), TTL).block()).isEqualTo(first);
    }

    @Test
    void differentClientMessagesGetTheirOwnIds() {
        MessageId first = TestIds.message();
        MessageId second = TestIds.message();

        assertThat(registry.claim(room, sender, clientMsgId, first, TTL).block()).isEqualTo(first);
        assertThat(registry.claim(room, sender, TestIds.clientMessage(), second, TTL).block()).isEqualTo(second);
    }

    @Test
    void theSameClientMsgIdInAnotherRoomOrFromAnotherSenderIsAnotherMessage() {
        MessageId first = TestIds.message();
        MessageId inOtherRoom = TestIds.message();
        MessageId fromOtherSender = TestIds.message();

        assertThat(registry.claim(room, sender, clientMsgId, first, TTL).block()).isEqualTo(first);
        assertThat(registry.claim(TestIds.room(), sender, clientMsgId, inOtherRoom, TTL).block()).isEqualTo(inOtherRoom);
        assertThat(registry.claim(room, TestIds.user(), clientMsgId, fromOtherSender, TTL).block()).isEqualTo(fromOtherSender);
    }

    @Test
    void fiftyConcurrentClaimsOnTwoGatewaysAgreeOnOneOfTheCandidates() {
        // several rounds, each a fresh client message: one lucky interleaving must not hide a race
        for (int round = 0; round < 20; round++) {
            ClientMsgId resent = TestIds.clientMessage();
            List<MessageId> candidates = IntStream.range(0, 50).mapToObj(i -> TestIds.message()).toList();

            List<MessageId> answers = Flux.range(0, candidates.size())
                    .flatMap(i -> (i % 2 == 0 ? registry : registryOnGatewayB)
                            .claim(room, sender, resent, candidates.get(i), TTL)
                            .subscribeOn(Schedulers.parallel()), candidates.size())
                    .collectList()
                    .block(Duration.ofSeconds(10));

            assertThat(answers).hasSize(candidates.size());
            assertThat(Set.copyOf(answers)).as("round %d", round).hasSize(1);
            assertThat(candidates).contains(answers.get(0));
        }
    }

    @Test
    void aClaimIsKeptUnderThePrefixedKeyForTheGivenTtl() {
        MessageId first = TestIds.message();
        registry.claim(room, sender, clientMsgId, first, TTL).block();

        String key = gatewayA.prefix() + "client-msg:" + room.value() + ":" + sender.value() + ":" + clientMsgId.value();
        assertThat(gatewayA.raw().get(key)).isEqualTo(first.value());
        assertThat(gatewayA.pttl(key)).isBetween(TTL.minusSeconds(5).toMillis(), TTL.toMillis());
    }

    @Test
    void anExpiredClaimLetsANewIdIn() {
        MessageId first = TestIds.message();
        MessageId later = TestIds.message();
        assertThat(registry.claim(room, sender, clientMsgId, first, Duration.ofMillis(200)).block()).isEqualTo(first);

        Eventually.within(Duration.ofSeconds(5),
                () -> assertThat(registry.claim(room, sender, clientMsgId, later, TTL).block()).isEqualTo(later));
    }

    @Test
    void aClaimHeldByGarbageFailsSoTheCallerAsksTheStore() {
        gatewayA.raw().set(registry.key(room, sender, clientMsgId), "not a message id");

        StepVerifier.create(registry.claim(room, sender, clientMsgId, TestIds.message(), TTL))
                .expectError(IllegalArgumentException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aCachedMemberClaimsInOneScript() {
        membershipCache.remember(room, sender, true).block();
        MessageId first = TestIds.message();

        assertThat(registry.claimForCachedMember(room, sender, clientMsgId, first, TTL).block()).isEqualTo(first);
        assertThat(registry.claimForCachedMember(room, sender, clientMsgId, TestIds.message(), TTL).block()).isEqualTo(first);
        assertThat(registry.claim(room, sender, clientMsgId, TestIds.message(), TTL).block())
                .as("the same claim as the two-step path's").isEqualTo(first);
        assertThat(gatewayA.pttl(registry.key(room, sender, clientMsgId))).isBetween(TTL.minusSeconds(5).toMillis(), TTL.toMillis());
    }

    @Test
    void withoutACachedMembershipNothingIsClaimed() {
        StepVerifier.create(registry.claimForCachedMember(room, sender, clientMsgId, TestIds.message(), TTL))
                .verifyComplete();

        assertThat(gatewayA.raw().get(registry.key(room, sender, clientMsgId))).isNull();
    }

    @Test
    void aForgottenMembershipNoLongerClaims() {
        membershipCache.remember(room, sender, true).block();
        membershipCache.forget(room, sender).block();

        StepVerifier.create(registry.claimForCachedMember(room, sender, clientMsgId, TestIds.message(), TTL))
                .verifyComplete();
        assertThat(gatewayA.raw().get(registry.key(room, sender, clientMsgId))).isNull();
    }

    @Test
    void anotherUsersMembershipDoesNotCount() {
        membershipCache.remember(room, TestIds.user(), true).block();
        membershipCache.remember(TestIds.room(), sender, true).block();

        StepVerifier.create(registry.claimForCachedMember(room, sender, clientMsgId, TestIds.message(), TTL))
                .verifyComplete();
    }

    @Test
    void aMembershipKeyWithAnotherValueDoesNotCount() {
        gatewayA.raw().set(membershipCache.key(room, sender), "maybe");

        StepVerifier.create(registry.claimForCachedMember(room, sender, clientMsgId, TestIds.message(), TTL))
                .verifyComplete();
    }
}
