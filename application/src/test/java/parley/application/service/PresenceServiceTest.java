package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.model.ConnectionId;
import parley.application.model.RoomSignal.PresenceChanged;
import parley.application.model.RoomSignal.Typing;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class PresenceServiceTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");
    private final ConnectionId laptop = new ConnectionId("gw-1:alice-laptop");
    private final ConnectionId phone = new ConnectionId("gw-2:alice-phone");

    @Test
    void theFirstConnectionAnnouncesTheUserOnline() {
        StepVerifier.create(core.presenceService.connected(laptop, alice.id())).verifyComplete();

        assertThat(core.signals.published()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1));
        assertThat(core.presence.isOnline(alice.id())).isTrue();
    }

    @Test
    void anAnnouncementNamesTheRoomsTheUserIsInSoGatewaysKnowWhomToTell() {
        RoomId general = core.createRoom(alice.id(), "general");
        RoomId random = core.createRoom(bob.id(), "random");
        core.join(random, alice.id());
        core.createRoom(bob.id(), "bob only");

        core.presenceService.connected(laptop, alice.id()).block();

        assertThat(core.signals.published()).filteredOn(PresenceChanged.class::isInstance)
                .containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(general, random), 1));
    }

    @Test
    void aSecondTabDoesNotAnnounceAgain() {
        core.presenceService.connected(laptop, alice.id()).block();

        core.presenceService.connected(phone, alice.id()).block();

        assertThat(core.signals.published()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1));
    }

    @Test
    void closingOneOfTwoTabsKeepsTheUserOnlineAndAnnouncesNothing() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.presenceService.connected(phone, alice.id()).block();

        core.presenceService.disconnected(laptop, alice.id()).block();

        assertThat(core.presence.isOnline(alice.id())).isTrue();
        assertThat(core.signals.published()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1));
    }

    @Test
    void closingTheLastTabAnnouncesTheUserOffline() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.presenceService.connected(phone, alice.id()).block();
        core.presenceService.disconnected(laptop, alice.id()).block();

        core.presenceService.disconnected(phone, alice.id()).block();

        assertThat(core.presence.isOnline(alice.id())).isFalse();
        assertThat(core.signals.published())
                .containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1), new PresenceChanged(alice.id(), false, java.util.Set.of(), 2));
    }

    @Test
    void aCrashedConnectionStopsCountingAfterSixtySecondsWhileAnotherTabStaysAlive() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.presenceService.connected(phone, alice.id()).block();
        // the laptop crashes without closing; the phone keeps sending heartbeats
        for (int i = 0; i < 2; i++) {
            core.clock.advance(HEARTBEAT);
            core.presenceService.heartbeat(phone, alice.id()).block();
        }
        assertThat(core.presence.liveConnections(alice.id())).as("after 40 s").isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            core.clock.advance(HEARTBEAT);
            core.presenceService.heartbeat(phone, alice.id()).block();
        }

        assertThat(core.presence.liveConnections(alice.id())).as("after 80 s").isEqualTo(1);
        assertThat(core.presence.isOnline(alice.id())).isTrue();
        assertThat(core.signals.published()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1));

        core.presenceService.disconnected(phone, alice.id()).block();

        // had the crashed laptop still counted, closing the phone would have left alice online
        assertThat(core.presence.isOnline(alice.id())).isFalse();
        assertThat(core.signals.published()).last().isEqualTo(new PresenceChanged(alice.id(), false, java.util.Set.of(), 2));
    }

    @Test
    void aConnectionLivesForSixtySecondsAfterItWasLastSeen() {
        core.presenceService.connected(laptop, alice.id()).block();

        core.clock.advance(PresenceService.CONNECTION_TTL.minusSeconds(1));
        assertThat(core.presence.isOnline(alice.id())).isTrue();
        core.clock.advance(Duration.ofSeconds(1));
        assertThat(core.presence.isOnline(alice.id())).isFalse();
    }

    @Test
    void heartbeatsKeepALoneConnectionOnlineWithoutNewAnnouncements() {
        core.presenceService.connected(laptop, alice.id()).block();

        for (int i = 0; i < 10; i++) {
            core.clock.advance(HEARTBEAT);
            core.presenceService.heartbeat(laptop, alice.id()).block();
        }

        assertThat(core.presence.isOnline(alice.id())).isTrue();
        assertThat(core.signals.published()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1));
    }

    @Test
    void aLoneConnectionThatExpiresWithoutAGoodbyeIsAnnouncedOfflineByTheNextSweepOnce() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.clock.advance(PresenceService.CONNECTION_TTL.minusSeconds(1));
        assertThat(core.presenceService.sweepExpiredConnections().block()).as("not expired yet").isZero();
        core.clock.advance(Duration.ofSeconds(5));

        assertThat(core.presenceService.sweepExpiredConnections().block()).isEqualTo(1);
        assertThat(core.presenceService.sweepExpiredConnections().block()).as("a second sweep (another gateway)").isZero();

        assertThat(core.signals.published())
                .containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1), new PresenceChanged(alice.id(), false, java.util.Set.of(), 2));
    }

    @Test
    void aSweepLeavesAloneAUserWithAnotherLiveConnection() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.clock.advance(Duration.ofSeconds(30));
        core.presenceService.connected(phone, alice.id()).block();
        core.clock.advance(Duration.ofSeconds(40)); // the laptop expired, the phone has 20 s left

        assertThat(core.presenceService.sweepExpiredConnections().block()).isZero();
        assertThat(core.signals.published()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1));
    }

    @Test
    void aHeartbeatAfterTheSweepAnnouncedTheUserOfflineBringsThemBackWithTheNextVersion() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.clock.advance(PresenceService.CONNECTION_TTL.plusSeconds(5));
        core.presenceService.sweepExpiredConnections().block();

        core.presenceService.heartbeat(laptop, alice.id()).block();

        assertThat(core.signals.published()).containsExactly(
                new PresenceChanged(alice.id(), true, java.util.Set.of(), 1),
                new PresenceChanged(alice.id(), false, java.util.Set.of(), 2),
                new PresenceChanged(alice.id(), true, java.util.Set.of(), 3));
        assertThat(core.presence.isOnline(alice.id())).isTrue();
    }

    @Test
    void aHeartbeatAfterExpiryButBeforeAnySweepIsNoComebackSinceNobodyWasToldOfTheGoing() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.clock.advance(PresenceService.CONNECTION_TTL.plusSeconds(5));

        core.presenceService.heartbeat(laptop, alice.id()).block();

        assertThat(core.signals.published()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of(), 1));
        assertThat(core.presenceService.sweepExpiredConnections().block()).isZero();
    }

    @Test
    void aSweepTakesEveryExpiredUserOfflineEvenBeyondOneBatch() {
        int users = PresenceService.SWEEP_BATCH + 7;
        for (int i = 0; i < users; i++) {
            User someone = core.registerUser("user" + i + "@example.com");
            core.presenceService.connected(new ConnectionId("gw:" + i), someone.id()).block();
        }
        core.clock.advance(PresenceService.CONNECTION_TTL.plusSeconds(1));

        assertThat(core.presenceService.sweepExpiredConnections().block()).isEqualTo(users);
        assertThat(core.signals.published()).filteredOn(signal -> !((PresenceChanged) signal).online()).hasSize(users);
    }

    @Test
    void presenceOfOneUserDoesNotAffectAnother() {
        core.presenceService.connected(laptop, alice.id()).block();
        core.presenceService.connected(new ConnectionId("gw-1:bob"), bob.id()).block();

        core.presenceService.disconnected(laptop, alice.id()).block();

        assertThat(core.presence.isOnline(bob.id())).isTrue();
        assertThat(core.signals.published()).containsExactly(
                new PresenceChanged(alice.id(), true, java.util.Set.of(), 1), new PresenceChanged(bob.id(), true, java.util.Set.of(), 1),
                new PresenceChanged(alice.id(), false, java.util.Set.of(), 2));
    }

    @Test
    void aPresenceStoreFailureIsSwallowedAndAnnouncesNothing() {
        core.presence.failing(true);

        StepVerifier.create(core.presenceService.connected(laptop, alice.id())).verifyComplete();
        StepVerifier.create(core.presenceService.heartbeat(laptop, alice.id())).verifyComplete();
        StepVerifier.create(core.presenceService.disconnected(laptop, alice.id())).verifyComplete();

        assertThat(core.signals.published()).isEmpty();
    }

    @Test
    void aSignalBusFailureIsSwallowedToo() {
        core.signals.failWith(new IllegalStateException("redis down"));

        StepVerifier.create(core.presenceService.connected(laptop, alice.id())).verifyComplete();
        StepVerifier.create(core.presenceService.disconnected(laptop, alice.id())).verifyComplete();
        assertThat(core.presence.isOnline(alice.id())).isFalse();
    }

    @Test
    void aMemberTypingIsSignalledToTheRoom() {
        RoomId general = core.createRoom(alice.id(), "General");

        StepVerifier.create(core.presenceService.typing(general, alice.id())).verifyComplete();

        assertThat(core.signals.published()).containsExactly(new Typing(general, alice.id()));
    }

    @Test
    void onlyMembersMaySignalTyping() {
        RoomId general = core.createRoom(alice.id(), "General");

        StepVerifier.create(core.presenceService.typing(general, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.presenceService.typing(core.ids.newRoomId(), bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        assertThat(core.signals.published()).isEmpty();
    }

    @Test
    void aTypingSignalThatCannotBeSentIsDropped() {
        RoomId general = core.createRoom(alice.id(), "General");
        core.signals.failWith(new IllegalStateException("redis down"));

        StepVerifier.create(core.presenceService.typing(general, alice.id())).verifyComplete();
    }
}
