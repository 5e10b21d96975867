package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KillArgs;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.application.model.RoomSignal;
import parley.testkit.RedisEndpoint;
import parley.testkit.WithRealInfrastructure;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

@WithRealInfrastructure
class RedisRoomSignalBusTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    // fresh prefixes, hence fresh channels, per test: a subscription still closing cannot fool the next test
    private RedisFixture gatewayA;
    private RedisFixture gatewayB;
    private RedisRoomSignalBus busOnA;
    private RedisRoomSignalBus busOnB;
    private String channel;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        gatewayA = RedisFixture.connect(endpoint);
        gatewayB = gatewayA.anotherGateway(endpoint);
        busOnA = new RedisRoomSignalBus(gatewayA.template(), gatewayA.settings());
        busOnB = new RedisRoomSignalBus(gatewayB.template(), gatewayB.settings());
        channel = gatewayA.settings().signalChannel();
    }

    @AfterEach
    void disconnect() {
        gatewayA.close();
        gatewayB.close();
    }

    @Test
    void theChannelIsNamedAfterThePrefix() {
        assertThat(channel).isEqualTo(gatewayA.prefix() + "room-signals");
        assertThat(RedisSettings.withPrefix(RedisSettings.DEFAULT_PREFIX).signalChannel()).isEqualTo("parley:room-signals");
    }

    @Test
    void aTypingSignalFromOneGatewayReachesTheOther() {
        RoomSignal typing = new RoomSignal.Typing(TestIds.room(), TestIds.user());

        StepVerifier.create(busOnB.signals())
                .then(() -> awaitSubscribers(1))
                .then(() -> busOnA.publish(typing).block())
                .expectNext(typing)
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void presenceChangesReachTheOtherGateway() {
        RoomSignal online = new RoomSignal.PresenceChanged(TestIds.user(), true, Set.of(TestIds.room(), TestIds.room()));
        RoomSignal offline = new RoomSignal.PresenceChanged(TestIds.user(), false, Set.of(TestIds.room()));

        StepVerifier.create(busOnB.signals())
                .then(() -> awaitSubscribers(1))
                .then(() -> busOnA.publish(online).then(busOnA.publish(offline)).block())
                .expectNext(online, offline)
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void aGatewayHearsItsOwnSignalsToo() {
        RoomSignal typing = new RoomSignal.Typing(TestIds.room(), TestIds.user());

        StepVerifier.create(busOnA.signals())
                .then(() -> awaitSubscribers(1))
                .then(() -> busOnA.publish(typing).block())
                .expectNext(typing)
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void garbageOnTheChannelIsSkippedAndTheStreamGoesOn() {
        RoomSignal typing = new RoomSignal.Typing(TestIds.room(), TestIds.user());
        RoomSignal offline = new RoomSignal.PresenceChanged(TestIds.user(), false, Set.of(TestIds.room()));
        List<String> garbage = List.of("", "hello", "{\"type\":\"typing\"}", "typing not-a-room not-a-user",
                "typing " + TestIds.ulid(), "presence " + TestIds.ulid() + " maybe", "shout " + TestIds.ulid() + " x");

        StepVerifier.create(busOnB.signals())
                .then(() -> awaitSubscribers(1))
                .then(() -> garbage.forEach(line -> gatewayA.raw().publish(channel, line)))
                .then(() -> busOnA.publish(typing).block())
                .expectNext(typing)
                .then(() -> gatewayA.raw().publish(channel, "\u0000\u00ff garbage again"))
                .then(() -> busOnA.publish(offline).block())
                .expectNext(offline)
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void signalsOfAnotherDeploymentPrefixDoNotArrive(RedisEndpoint endpoint) {
        RoomSignal ours = new RoomSignal.Typing(TestIds.room(), TestIds.user());
        try (RedisFixture otherDeployment = RedisFixture.connect(endpoint)) {
            RedisRoomSignalBus otherBus = new RedisRoomSignalBus(otherDeployment.template(), otherDeployment.settings());

            StepVerifier.create(busOnB.signals())
                    .then(() -> awaitSubscribers(1))
                    .then(() -> otherBus.publish(new RoomSignal.Typing(TestIds.room(), TestIds.user())).block())
                    .then(() -> busOnA.publish(ours).block())
                    .expectNext(ours)
                    .thenCancel()
                    .verify(PATIENCE);
        }
    }

    @Test
    void allSubscribersOfOneGatewayShareOneRedisSubscriptionThatClosesAfterTheLast() {
        Queue<RoomSignal> first = new ConcurrentLinkedQueue<>();
        Queue<RoomSignal> second = new ConcurrentLinkedQueue<>();
        Disposable firstSubscription = busOnB.signals().subscribe(first::add);
        Disposable secondSubscription = busOnB.signals().subscribe(second::add);
        awaitSubscribers(1);
        RoomSignal typing = new RoomSignal.Typing(TestIds.room(), TestIds.user());

        busOnA.publish(typing).block();

        Eventually.within(PATIENCE, () -> {
            assertThat(first).containsExactly(typing);
            assertThat(second).containsExactly(typing);
        });
        assertThat(gatewayA.subscribers(channel)).isEqualTo(1);

        firstSubscription.dispose();
        RoomSignal later = new RoomSignal.PresenceChanged(TestIds.user(), true, Set.of(TestIds.room(), TestIds.room()));
        busOnA.publish(later).block();
        Eventually.within(PATIENCE, () -> assertThat(second).containsExactly(typing, later));

        secondSubscription.dispose();
        Eventually.within(PATIENCE, () -> assertThat(gatewayA.subscribers(channel)).isZero());
    }

    @Test
    void signalsKeepComingAfterRedisDropsTheSubscription() {
        Queue<RoomSignal> received = new ConcurrentLinkedQueue<>();
        Disposable subscription = busOnB.signals().subscribe(received::add);
        awaitSubscribers(1);

        assertThat(gatewayA.raw().clientKill(KillArgs.Builder.typePubsub())).isPositive();

        RoomSignal typing = new RoomSignal.Typing(TestIds.room(), TestIds.user());
        // signals sent while the subscription is being restored are lost, as pub/sub goes; later ones arrive
        Eventually.within(PATIENCE, () -> {
            busOnA.publish(typing).block();
            assertThat(received).contains(typing);
        });
        subscription.dispose();
    }

    /** Pub/sub delivers only to subscriptions already in place; publishing earlier would lose the signal. */
    private void awaitSubscribers(long count) {
        Eventually.within(PATIENCE, () -> assertThat(gatewayA.subscribers(channel)).isGreaterThanOrEqualTo(count));
    }
}
