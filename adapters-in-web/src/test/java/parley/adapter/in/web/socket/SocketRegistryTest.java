package parley.adapter.in.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import parley.application.model.RoomSignal;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

class SocketRegistryTest {

    private final SocketFixture fixture = new SocketFixture();

    /**
     * M3 of the red-team review: one socket joins a room while the room's only other watcher on
     * this gateway leaves. The join must never land in a set the leave has just removed.
     */
    @Test
    void aJoinRacingTheLastWatchersLeaveIsNeverLost() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                RoomId room = fixture.ids.newRoomId();
                SocketFixture.Client leaving = fixture.connect();
                SocketFixture.Client joining = fixture.connect();
                leaving.join(room, null);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> join = threads.submit(() -> {
                    start.await();
                    joining.join(room, null);
                    return null;
                });
                Future<?> leave = threads.submit(() -> {
                    start.await();
                    fixture.registry.unwatch(leaving.session, room);
                    return null;
                });
                join.get();
                leave.get();

                fixture.delivery.deliver(List.of(fixture.message(room, 1))).block();
                assertThat(joining.seqs(room)).as("round %d", round).containsExactly(1L);
                leaving.disconnect();
                joining.disconnect();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(fixture.registry.watchedRooms()).isZero();
    }

    @Test
    void aUserMayOpenTenSocketsOnAGatewayAndAnotherOnceOneCloses() {
        UserId user = fixture.ids.newUserId();
        List<SocketFixture.Client> open = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            open.add(fixture.connect(user));
        }
        SocketFixture.Client eleventh = fixture.new Client(user, 1000, 2);

        assertThat(fixture.registry.register(eleventh.session)).isFalse();
        assertThat(fixture.registry.register(fixture.new Client(fixture.ids.newUserId(), 1000, 2).session)).as("another user").isTrue();
        open.getFirst().disconnect();
        assertThat(fixture.registry.register(eleventh.session)).isTrue();
    }

    @Test
    void shuttingDownClosesEverySocketWith1001AndRefusesNewOnes() {
        SocketFixture.Client first = fixture.connect();
        SocketFixture.Client second = fixture.connect();

        fixture.registry.closeAll("bye");

        assertThat(first.closeCode).isEqualTo(1001);
        assertThat(second.closeCode).isEqualTo(1001);
        assertThat(first.session.isClosed()).isTrue();
        assertThat(fixture.registry.register(fixture.new Client(fixture.ids.newUserId(), 1000, 2).session)).isFalse();
        assertThat(fixture.registry.isClosing()).isTrue();
    }

    /**
     * A stopped gateway that is started again (Spring pauses and resumes the lifecycle of an idle
     * context, as the test framework does with cached contexts) takes sockets again: the refusal is
     * for the time it is stopped, not for ever.
     */
    @Test
    void aGatewayStartedAgainAfterAStopTakesSocketsAgain() {
        SocketShutdown shutdown = new SocketShutdown(fixture.registry);
        shutdown.start();
        SocketFixture.Client before = fixture.connect();

        shutdown.stop();
        assertThat(before.closeCode).isEqualTo(1001);
        assertThat(fixture.registry.register(fixture.new Client(fixture.ids.newUserId(), 1000, 2).session)).isFalse();
        shutdown.start();

        assertThat(fixture.registry.isClosing()).isFalse();
        assertThat(fixture.registry.register(fixture.new Client(fixture.ids.newUserId(), 1000, 2).session)).isTrue();
    }

    /**
     * M7 of the red-team review: on a tab reload the old socket's offline and the new socket's
     * online race to every gateway; when the offline (version 2) arrives after the online
     * (version 3), peers must keep "online".
     */
    @Test
    void aPresenceChangeThatArrivesAfterANewerOneForTheSameUserIsDropped() {
        RoomId room = fixture.ids.newRoomId();
        UserId reloading = fixture.ids.newUserId();
        SocketFixture.Client peer = fixture.connect();
        peer.join(room, null);

        fixture.delivery.deliver(new RoomSignal.PresenceChanged(reloading, true, Set.of(room), 1)).block();
        fixture.delivery.deliver(new RoomSignal.PresenceChanged(reloading, true, Set.of(room), 3)).block();
        fixture.delivery.deliver(new RoomSignal.PresenceChanged(reloading, false, Set.of(room), 2)).block();
        fixture.delivery.deliver(new RoomSignal.PresenceChanged(reloading, true, Set.of(room), 3)).block();

        var frames = peer.frames(frame -> "presence".equals(frame.get("type").asString()));
        assertThat(frames).extracting(frame -> frame.get("version").asLong()).containsExactly(1L, 3L);
        assertThat(frames.getLast().get("online").asBoolean()).isTrue();
    }

    @Test
    void presenceGoesToTheSocketsThatWatchOneOfTheUsersRoomsOnceEachAndNotToTheUserThemself() {
        RoomId shared = fixture.ids.newRoomId();
        RoomId alsoShared = fixture.ids.newRoomId();
        RoomId elsewhere = fixture.ids.newRoomId();
        SocketFixture.Client subject = fixture.connect();
        SocketFixture.Client friend = fixture.connect();
        SocketFixture.Client stranger = fixture.connect();
        subject.join(shared, null);
        friend.join(shared, null);
        friend.join(alsoShared, null);
        stranger.join(elsewhere, null);

        fixture.delivery.deliver(new RoomSignal.PresenceChanged(subject.session.userId(), true, Set.of(shared, alsoShared))).block();

        assertThat(friend.frames(frame -> "presence".equals(frame.get("type").asString()))).hasSize(1);
        assertThat(stranger.frames(frame -> "presence".equals(frame.get("type").asString()))).isEmpty();
        assertThat(subject.frames(frame -> "presence".equals(frame.get("type").asString()))).isEmpty();
    }
}
