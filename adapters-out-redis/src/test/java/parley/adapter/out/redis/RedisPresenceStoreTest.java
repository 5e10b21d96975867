package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.application.model.ConnectionId;
import parley.application.port.out.PresenceStore;
import parley.domain.user.UserId;
import parley.testkit.RedisEndpoint;
import parley.testkit.WithRealInfrastructure;

@WithRealInfrastructure
class RedisPresenceStoreTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private static RedisFixture gatewayA;
    private static RedisFixture gatewayB;
    private static RedisPresenceStore presence;
    private static RedisPresenceStore presenceOnGatewayB;

    private final UserId user = TestIds.user();
    private final ConnectionId firstTab = TestIds.connection();
    private final ConnectionId secondTab = TestIds.connection();

    @BeforeAll
    static void connect(RedisEndpoint endpoint) {
        gatewayA = RedisFixture.connect(endpoint);
        gatewayB = gatewayA.anotherGateway(endpoint);
        presence = new RedisPresenceStore(gatewayA.template(), gatewayA.settings());
        presenceOnGatewayB = new RedisPresenceStore(gatewayB.template(), gatewayB.settings());
    }

    @AfterAll
    static void disconnect() {
        gatewayA.close();
        gatewayB.close();
    }

    @Test
    void aUserNobodySawIsOffline() {
        assertThat(presence.online(List.of(user)).block()).isEmpty();
    }

    @Test
    void theFirstTabBringsTheUserOnlineWithTheirFirstVersion() {
        assertThat(presence.touch(firstTab, user, TTL).blockOptional()).hasValue(1L);

        assertThat(presence.online(List.of(user)).block()).containsExactly(user);
    }

    @Test
    void aSecondTabDoesNotBringTheUserOnlineAgain() {
        presence.touch(firstTab, user, TTL).block();

        assertThat(presence.touch(secondTab, user, TTL).blockOptional()).isEmpty();
    }

    @Test
    void aHeartbeatOfALiveTabIsNoComeback() {
        presence.touch(firstTab, user, TTL).block();

        assertThat(presence.touch(firstTab, user, TTL).blockOptional()).isEmpty();
    }

    @Test
    void closingOneOfTwoTabsKeepsTheUserOnline() {
        presence.touch(firstTab, user, TTL).block();
        presence.touch(secondTab, user, TTL).block();

        assertThat(presence.remove(firstTab, user).blockOptional()).isEmpty();

        assertThat(presence.online(List.of(user)).block()).containsExactly(user);
    }

    @Test
    void closingTheLastTabTakesTheUserOfflineWithTheNextVersionAndLeavesNoConnectionKey() {
        presence.touch(firstTab, user, TTL).block();
        presence.touch(secondTab, user, TTL).block();
        presence.remove(firstTab, user).block();

        assertThat(presence.remove(secondTab, user).blockOptional()).hasValue(2L);

        assertThat(presence.online(List.of(user)).block()).isEmpty();
        assertThat(gatewayA.raw().exists(presence.key(user))).isZero();
    }

    @Test
    void closingATabOfAUserWhoIsNotOnlineIsNoTransition() {
        assertThat(presence.remove(firstTab, user).blockOptional()).isEmpty();
    }

    @Test
    void aTabThatStopsHeartbeatingStopsCountingAfterItsTtl() {
        assertThat(presence.touch(firstTab, user, Duration.ofSeconds(1)).blockOptional()).hasValue(1L);
        assertThat(presence.online(List.of(user)).block()).containsExactly(user);

        Eventually.within(Duration.ofSeconds(5), () -> assertThat(presence.online(List.of(user)).block()).isEmpty());
        // nobody was told yet: a heartbeat now is no comeback; once a sweep has announced the going, it is
        assertThat(presence.touch(firstTab, user, Duration.ofMillis(200)).blockOptional()).isEmpty();
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(sweptVersionOf(user)).hasValue(2L));
        assertThat(presence.touch(firstTab, user, TTL).blockOptional()).hasValue(3L);
    }

    @Test
    void aSweepTakesOfflineOnlyUsersWhoseLastConnectionExpiredAndEachOnlyOnceAcrossGateways() throws InterruptedException {
        UserId crashed = TestIds.user();
        UserId alive = TestIds.user();
        presence.touch(TestIds.connection(), crashed, Duration.ofMillis(300)).block();
        presence.touch(TestIds.connection(), alive, TTL).block();
        presence.touch(TestIds.connection(), alive, Duration.ofMillis(300)).block();
        Thread.sleep(600);

        List<PresenceStore.WentOffline> fromA = new ArrayList<>();
        List<PresenceStore.WentOffline> fromB = new ArrayList<>();
        reactor.core.publisher.Flux.merge(
                        presence.sweepExpired(1000).doOnNext(fromA::add),
                        presenceOnGatewayB.sweepExpired(1000).doOnNext(fromB::add))
                .blockLast();
        List<PresenceStore.WentOffline> all = new ArrayList<>(fromA);
        all.addAll(fromB);

        assertThat(all.stream().filter(gone -> gone.userId().equals(crashed)).toList())
                .as("the crashed user, once").containsExactly(new PresenceStore.WentOffline(crashed, 2));
        assertThat(all).extracting(PresenceStore.WentOffline::userId).doesNotContain(alive);
        assertThat(presence.online(List.of(alive)).block()).containsExactly(alive);
    }

    @Test
    void aCrashedTabStopsCountingAfterItsTtlWhileAnotherTabKeepsHeartbeating() {
        ConnectionId crashed = firstTab;
        ConnectionId alive = secondTab;
        presence.touch(crashed, user, Duration.ofMillis(1500)).block();
        presence.touch(alive, user, TTL).block();
        String key = presence.key(user);
        assertThat(gatewayA.raw().zrange(key, 0, -1)).containsExactlyInAnyOrder(crashed.value(), alive.value());

        // the crashed tab is never removed; the alive one heartbeats and each heartbeat prunes what has expired
        Eventually.within(Duration.ofSeconds(6), () -> {
            presence.touch(alive, user, TTL).block();
            assertThat(gatewayA.raw().zrange(key, 0, -1)).containsExactly(alive.value());
        });
        assertThat(presence.online(List.of(user)).block()).containsExactly(user);

        // so closing the alive tab leaves the user offline, the crashed one does not hold them online
        assertThat(presence.remove(alive, user).blockOptional()).isPresent();
        assertThat(presence.online(List.of(user)).block()).isEmpty();
    }

    @Test
    void onlineAnswersForManyUsersInOneGo() {
        List<UserId> users = IntStream.range(0, 300).mapToObj(i -> TestIds.user()).toList();
        List<UserId> connected = new ArrayList<>();
        for (int i = 0; i < users.size(); i += 3) {
            presence.touch(TestIds.connection(), users.get(i), TTL).block();
            connected.add(users.get(i));
        }
        List<UserId> askedWithDuplicates = new ArrayList<>(users);
        askedWithDuplicates.addAll(connected);

        Set<UserId> online = presence.online(askedWithDuplicates).block();

        assertThat(online).containsExactlyInAnyOrderElementsOf(connected);
    }

    @Test
    void askingAboutNobodyAnswersNobody() {
        assertThat(presence.online(List.of()).block()).isEmpty();
    }

    @Test
    void twoGatewaysSharingOneRedisSeeTheSamePresence() {
        assertThat(presence.touch(firstTab, user, TTL).blockOptional()).hasValue(1L);
        assertThat(presenceOnGatewayB.online(List.of(user)).block()).containsExactly(user);

        assertThat(presenceOnGatewayB.touch(secondTab, user, TTL).blockOptional()).isEmpty();
        assertThat(presence.remove(firstTab, user).blockOptional()).isEmpty();
        assertThat(presence.online(List.of(user)).block()).containsExactly(user);

        assertThat(presenceOnGatewayB.remove(secondTab, user).blockOptional()).as("versions are shared by the gateways").hasValue(2L);
        assertThat(presence.online(List.of(user)).block()).isEmpty();
        assertThat(presenceOnGatewayB.touch(secondTab, user, TTL).blockOptional()).hasValue(3L);
    }

    @Test
    void theUsersKeyIsASortedSetThatExpiresWithItsLastConnection() {
        presence.touch(firstTab, user, TTL).block();
        String key = gatewayA.prefix() + "presence:" + user.value();
        assertThat(gatewayA.raw().type(key)).isEqualTo("zset");
        assertThat(gatewayA.pttl(key)).isBetween(TTL.minusSeconds(5).toMillis(), TTL.toMillis());

        presence.touch(secondTab, user, TTL.multipliedBy(2)).block();
        assertThat(gatewayA.pttl(key)).isGreaterThan(TTL.toMillis());

        presence.remove(secondTab, user).block();
        assertThat(gatewayA.pttl(key)).isBetween(1L, TTL.toMillis());
    }

    @Test
    void aUserWhoVanishesLeavesOnlyTheirExpiringVersionBehindOnceSwept() {
        presence.touch(firstTab, user, Duration.ofMillis(300)).block();

        Eventually.within(Duration.ofSeconds(5), () -> assertThat(gatewayA.raw().exists(presence.key(user))).isZero());
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(sweptVersionOf(user)).isPresent());
        assertThat(gatewayA.raw().zscore(presence.onlineIndex(), user.value())).isNull();
        assertThat(gatewayA.pttl(presence.versionKey(user))).isBetween(1L, RedisPresenceStore.VERSION_TTL.toMillis());
    }

    /** Sweeps once; the version the user was taken offline with, if this sweep took them. */
    private static java.util.Optional<Long> sweptVersionOf(UserId user) {
        return presence.sweepExpired(1000).filter(gone -> gone.userId().equals(user)).map(PresenceStore.WentOffline::version)
                .next().blockOptional();
    }
}
