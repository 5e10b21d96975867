package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import parley.application.fake.RecordingConnectedClients;
import parley.application.fake.TestCore;
import parley.application.model.RoomSummary;
import parley.application.port.out.RoomStore;
import parley.application.model.RoomSignal;
import parley.application.model.RoomSignal.PresenceChanged;
import parley.application.model.RoomSignal.Typing;
import parley.domain.message.Message;
import parley.domain.message.MessagePersisted;
import parley.domain.room.Role;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.User;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class LiveDeliveryServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final RoomId general = core.createRoom(alice.id(), "General");

    private final AtomicReference<Throwable> relayError = new AtomicReference<>();
    private final AtomicBoolean relayCompleted = new AtomicBoolean();

    private Disposable startRelay() {
        return core.liveDeliveryService.relay().subscribe(nothing -> { }, relayError::set, () -> relayCompleted.set(true));
    }

    private void publish(RoomSignal signal) {
        core.signals.publish(signal).block();
    }

    @Test
    void aPersistedMessageIsPushedToThisGatewaysSockets() {
        Message message = core.storeTexts(general, alice.id(), "hello").getFirst();

        StepVerifier.create(core.liveDeliveryService.deliver(List.of(new MessagePersisted(message)))).verifyComplete();

        assertThat(core.clients.deliveredMessages()).containsExactly(message);
    }

    @Test
    void aBatchIsPushedInTheOrderGiven() {
        List<Message> messages = core.storeTexts(general, alice.id(), "one", "two", "three");

        StepVerifier.create(core.liveDeliveryService.deliver(messages.stream().map(MessagePersisted::new).toList()))
                .verifyComplete();

        assertThat(core.clients.deliveredMessages()).containsExactlyElementsOf(messages);
    }

    @Test
    void aFailedPushIsReportedToTheCaller() {
        Message message = core.storeTexts(general, alice.id(), "hello").getFirst();
        core.clients.failing(true);

        StepVerifier.create(core.liveDeliveryService.deliver(List.of(new MessagePersisted(message))))
                .verifyError(IllegalStateException.class);
    }

    @Test
    void theRelayForwardsEverySignalInOrderWhileSubscribed() {
        Disposable relay = startRelay();
        List<RoomSignal> signals = List.of(
                new Typing(general, alice.id()), new PresenceChanged(alice.id(), true, java.util.Set.of()), new PresenceChanged(alice.id(), false, java.util.Set.of()));

        signals.forEach(this::publish);

        assertThat(core.clients.deliveredSignals()).containsExactlyElementsOf(signals);
        relay.dispose();
    }

    @Test
    void theRelaySurvivesAFailingDelivery() {
        Disposable relay = startRelay();
        core.clients.failNext(1);

        publish(new Typing(general, alice.id()));
        publish(new PresenceChanged(alice.id(), true, java.util.Set.of()));

        assertThat(core.clients.failedDeliveries()).isEqualTo(1);
        assertThat(core.clients.deliveredSignals()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of()));
        assertThat(relayError.get()).isNull();
        assertThat(relayCompleted).isFalse();
        assertThat(relay.isDisposed()).isFalse();
        relay.dispose();
    }

    @Test
    void nothingIsRelayedBeforeSubscribingOrAfterCancelling() {
        publish(new Typing(general, alice.id()));
        Disposable relay = startRelay();
        publish(new PresenceChanged(alice.id(), true, java.util.Set.of()));
        relay.dispose();
        publish(new PresenceChanged(alice.id(), false, java.util.Set.of()));

        assertThat(core.clients.deliveredSignals()).containsExactly(new PresenceChanged(alice.id(), true, java.util.Set.of()));
        assertThat(core.signals.subscriberCount()).isZero();
    }

    @Test
    void aRoomChangeIsPushedWithTheRoomAsStoredOnlyWhereItIsWatched() {
        Disposable relay = startRelay();
        RoomId unwatched = core.createRoom(alice.id(), "Nobody here");
        core.clients.watching(general);

        core.roomService.update(unwatched, alice.id(), new RoomChanges(RoomName.of("Still nobody"), null, null)).block();
        core.roomService.update(general, alice.id(), new RoomChanges(RoomName.of("Renamed"), null, Visibility.PRIVATE)).block();

        assertThat(core.clients.roomPushes()).singleElement().satisfies(push -> {
            assertThat(push.frame()).isEqualTo("roomUpdated");
            assertThat(push.userId()).as("to the room's sockets").isNull();
            assertThat(push.room().room().id()).isEqualTo(general);
            assertThat(push.room().room().name().value()).isEqualTo("Renamed");
            assertThat(push.room().room().visibility()).isEqualTo(Visibility.PRIVATE);
        });
        relay.dispose();
    }

    @Test
    void aNewDirectRoomAndAnInvitationReachOnlyAConnectedRecipientWithTheRoomAsTheySeeIt() {
        Disposable relay = startRelay();
        User grace = core.registerUser("grace@example.com", "Grace");
        User away = core.registerUser("away@example.com", "Away");
        core.clients.connected(grace.id());

        core.directRoomService.open(alice.id(), away.id()).block();
        RoomId direct = core.directRoomService.open(alice.id(), grace.id()).block().room().room().id();
        core.invitationService.invite(general, alice.id(), away.id()).block();
        core.invitationService.invite(general, alice.id(), grace.id()).block();

        List<RecordingConnectedClients.RoomPush> pushes = core.clients.roomPushes();
        assertThat(pushes).extracting(RecordingConnectedClients.RoomPush::frame).containsExactly("roomUpdated", "invited");
        assertThat(pushes).extracting(RecordingConnectedClients.RoomPush::userId).containsOnly(grace.id());
        RoomSummary opened = pushes.get(0).room();
        assertThat(opened.room().id()).isEqualTo(direct);
        assertThat(opened.peer().id()).as("grace sees alice as the peer").isEqualTo(alice.id());
        assertThat(opened.myRole()).isEqualTo(Role.MEMBER);
        RecordingConnectedClients.RoomPush invitation = pushes.get(1);
        assertThat(invitation.room().room().id()).isEqualTo(general);
        assertThat(invitation.room().myRole()).as("not a member yet").isNull();
        assertThat(invitation.invitedBy()).isEqualTo(alice.id());
        relay.dispose();
    }

    /** A store whose room reads never answer (a database that hangs), everything else as the core's. */
    private RoomStore hangingSummaries() {
        return (RoomStore) Proxy.newProxyInstance(RoomStore.class.getClassLoader(), new Class<?>[] {RoomStore.class},
                (proxy, method, args) -> method.getName().equals("summary") ? Mono.never() : method.invoke(core.rooms, args));
    }

    @Test
    void aRoomReadThatHangsHoldsUpNoPassingSignalBehindIt() {
        LiveDeliveryService service = new LiveDeliveryService(core.clients, core.signals, hangingSummaries());
        Disposable relay = service.relay().subscribe();
        core.clients.watching(general);

        publish(new RoomSignal.RoomChanged(general, alice.id()));
        publish(new Typing(general, alice.id()));

        assertThat(core.clients.deliveredSignals()).containsExactly(new Typing(general, alice.id()));
        relay.dispose();
    }

    @Test
    void newsBeyondTheReadsInFlightIsDroppedAndCountedWhilePassingSignalsGoOn() {
        LiveDeliveryService service = new LiveDeliveryService(core.clients, core.signals, hangingSummaries());
        Disposable relay = service.relay().subscribe();
        core.clients.watching(general);

        for (int i = 0; i < LiveDeliveryService.NEWS_IN_FLIGHT + 5; i++) {
            publish(new RoomSignal.RoomChanged(general, alice.id()));
        }
        publish(new Typing(general, alice.id()));

        assertThat(service.droppedNews()).isEqualTo(5);
        assertThat(core.clients.deliveredSignals()).containsExactly(new Typing(general, alice.id()));
        relay.dispose();
    }
}
