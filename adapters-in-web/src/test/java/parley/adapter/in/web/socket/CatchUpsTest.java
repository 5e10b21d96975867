package parley.adapter.in.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.adapter.in.web.socket.SocketFixture.eventually;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import reactor.core.publisher.Sinks;

class CatchUpsTest {

    @Test
    void aJoinWithLastSeenSeqGetsEverythingAfterItPageByPageThenTheLiveMessages() {
        SocketFixture fixture = new SocketFixture();
        RoomId room = fixture.ids.newRoomId();
        fixture.history(room, 250);
        SocketFixture.Client client = fixture.connect();

        client.join(room, 20L);
        eventually(() -> assertThat(client.seqs(room)).hasSize(230));
        fixture.delivery.deliver(List.of(fixture.message(room, 251))).block();

        assertThat(client.seqs(room)).containsExactlyElementsOf(LongStream.rangeClosed(21, 251).boxed().toList());
        assertThat(client.frames.getFirst().get("type").asString()).as("the join's answer comes first").isEqualTo("reply");
        assertThat(fixture.query.pagesRead).as("pages of 100").hasValue(3);
        eventually(() -> assertThat(fixture.catchUps.running()).isZero());
    }

    @Test
    void liveMessagesThatArriveDuringACatchUpAreHeldAndFollowItInOrder() {
        SocketFixture fixture = new SocketFixture();
        RoomId room = fixture.ids.newRoomId();
        List<Message> history = fixture.history(room, 120);
        Sinks.Empty<Void> gate = Sinks.empty();
        fixture.query.gate = gate.asMono();
        SocketFixture.Client client = fixture.connect();

        client.join(room, 0L);
        fixture.query.rooms.get(room).add(fixture.message(room, 121));
        fixture.delivery.deliver(List.of(history.get(119), fixture.message(room, 121), fixture.message(room, 122))).block();
        fixture.query.gate = reactor.core.publisher.Mono.empty();
        gate.tryEmitEmpty();

        eventually(() -> assertThat(client.seqs(room)).containsExactlyElementsOf(LongStream.rangeClosed(1, 122).boxed().toList()));
    }

    @Test
    void joiningTheRoomAgainStopsTheRunningCatchUpSoTheHistoryIsSentOnce() {
        SocketFixture fixture = new SocketFixture();
        RoomId room = fixture.ids.newRoomId();
        fixture.history(room, 150);
        Sinks.Empty<Void> gate = Sinks.empty();
        fixture.query.gate = gate.asMono();
        SocketFixture.Client client = fixture.connect();

        for (int i = 0; i < 100; i++) {
            client.join(room, 0L);
        }
        assertThat(fixture.catchUps.running()).as("catch-ups alive after 100 joins").isEqualTo(1);
        // a page read in flight runs to its end (cancelling it leaks in the driver) but keeps its turn: at most 8 at once
        assertThat(fixture.query.running).as("page reads in flight").hasValue(SocketSettings.DEFAULTS.catchUpsPerGateway());
        assertThat(fixture.query.cancelled).hasValue(0);
        gate.tryEmitEmpty();

        eventually(() -> assertThat(client.seqs(room)).containsExactlyElementsOf(LongStream.rangeClosed(1, 150).boxed().toList()));
        eventually(() -> assertThat(fixture.catchUps.running()).isZero());
    }

    @Test
    void leavingTheRoomOrClosingTheSocketStopsItsCatchUps() {
        SocketFixture fixture = new SocketFixture();
        RoomId left = fixture.ids.newRoomId();
        RoomId other = fixture.ids.newRoomId();
        fixture.history(left, 10);
        fixture.history(other, 10);
        Sinks.Empty<Void> gate = Sinks.empty();
        fixture.query.gate = gate.asMono();
        SocketFixture.Client client = fixture.connect();
        client.join(left, 0L);
        client.join(other, 0L);
        assertThat(fixture.catchUps.running()).isEqualTo(2);

        fixture.registry.unwatch(client.session, left);
        assertThat(fixture.catchUps.running()).isEqualTo(1);
        client.disconnect();
        assertThat(fixture.catchUps.running()).isZero();
        gate.tryEmitEmpty();

        assertThat(client.seqs(left)).isEmpty();
        assertThat(client.seqs(other)).isEmpty();
        assertThat(fixture.registry.watchedRooms()).isZero();
    }

    @Test
    void aSocketRunsTwoCatchUpsAtOnceAndTheGatewayReadsAtMostItsTurnsOfPagesAtOnce() {
        SocketFixture fixture = new SocketFixture(SocketFixture.settings(1000, 2, 3, 8, Duration.ofSeconds(30)));
        Sinks.Empty<Void> gate = Sinks.empty();
        fixture.query.gate = gate.asMono();
        List<SocketFixture.Client> clients = new java.util.ArrayList<>();
        List<RoomId> rooms = new java.util.ArrayList<>();
        for (int r = 0; r < 5; r++) {
            RoomId room = fixture.ids.newRoomId();
            fixture.history(room, 30);
            rooms.add(room);
        }
        SocketFixture.Client busy = fixture.connect();
        rooms.forEach(room -> busy.join(room, 0L));
        assertThat(fixture.query.running).as("one socket's page reads at once").hasValue(2);

        for (int c = 0; c < 4; c++) {
            SocketFixture.Client client = fixture.connect();
            clients.add(client);
            rooms.forEach(room -> client.join(room, 0L));
        }
        assertThat(fixture.query.running).as("the gateway's page reads at once").hasValue(3);
        assertThat(fixture.catchUps.waitingForTurn()).isPositive();
        fixture.query.gate = reactor.core.publisher.Mono.empty();
        gate.tryEmitEmpty();

        clients.add(busy);
        for (SocketFixture.Client client : clients) {
            for (RoomId room : rooms) {
                eventually(() -> assertThat(client.seqs(room)).hasSize(30));
            }
        }
        assertThat(fixture.query.mostAtOnce).hasValue(3);
    }

    @Test
    void aFailedPageIsRetriedWithBackOffAndTheCatchUpCompletes() {
        SocketFixture fixture = new SocketFixture();
        RoomId room = fixture.ids.newRoomId();
        fixture.history(room, 40);
        fixture.query.failuresLeft.set(2);
        SocketFixture.Client client = fixture.connect();

        client.join(room, 0L);

        eventually(() -> assertThat(client.seqs(room)).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList()));
        assertThat(client.frames(frame -> "error".equals(frame.get("type").asString()))).isEmpty();
        assertThat(fixture.catchUps.failed()).isZero();
    }

    @Test
    void whenRetriesRunOutTheSocketStopsWatchingAndIsToldCatchUpFailedWithTheRoom() {
        SocketFixture fixture = new SocketFixture(SocketFixture.settings(1000, 2, 8, 1, Duration.ofSeconds(30)));
        RoomId room = fixture.ids.newRoomId();
        fixture.history(room, 40);
        fixture.query.failuresLeft.set(1_000);
        SocketFixture.Client client = fixture.connect();

        client.join(room, 0L);

        eventually(() -> assertThat(client.frames(frame -> "error".equals(frame.get("type").asString()))).hasSize(1));
        var error = client.frames(frame -> "error".equals(frame.get("type").asString())).getFirst();
        assertThat(error.get("roomId").asString()).isEqualTo(room.value());
        assertThat(error.get("error").get("code").asString()).isEqualTo("CATCH_UP_FAILED");
        assertThat(client.session.watches(room)).isFalse();
        assertThat(fixture.registry.watchedRooms()).isZero();
        assertThat(fixture.catchUps.failed()).isEqualTo(1);
        assertThat(fixture.query.failuresLeft.get()).as("one try and one retry").isEqualTo(998);
    }

    @Test
    void aRefusalIsNotRetried() {
        SocketFixture fixture = new SocketFixture();
        RoomId room = fixture.ids.newRoomId();
        fixture.query.failure = new UseCaseException(ErrorCode.NOT_A_MEMBER, "you are not a member of room " + room);
        fixture.query.failuresLeft.set(1_000);
        SocketFixture.Client client = fixture.connect();

        client.join(room, 0L);

        eventually(() -> assertThat(client.frames(frame -> "error".equals(frame.get("type").asString()))).hasSize(1));
        assertThat(fixture.query.failuresLeft.get()).isEqualTo(999);
    }

    @Test
    void aSocketThatDoesNotReadItsCatchUpIsClosedForNotReading() {
        SocketFixture fixture = new SocketFixture(SocketFixture.settings(20, 2, 8, 8, Duration.ofMillis(300)));
        RoomId room = fixture.ids.newRoomId();
        fixture.history(room, 100);
        SocketFixture.Client sleeper = fixture.connectNotReading();

        sleeper.join(room, 0L);

        eventually(() -> assertThat(sleeper.closeCode).isEqualTo(1008));
        assertThat(sleeper.closeReason).contains("not reading");
        assertThat(fixture.query.pagesRead).as("one page of 10, then it waited for the reader").hasValue(1);
        eventually(() -> assertThat(fixture.catchUps.running()).isZero());
    }

    @Test
    void afterTheLiveStreamIsRepositionedEveryWatchedRoomWithAPositionIsCaughtUpOnce() {
        SocketFixture fixture = new SocketFixture();
        RoomId room = fixture.ids.newRoomId();
        List<Message> history = fixture.history(room, 5);
        SocketFixture.Client seen = fixture.connect();
        seen.join(room, null);
        fixture.delivery.deliver(history.subList(0, 3)).block();
        SocketFixture.Client fresh = fixture.connect();
        fresh.join(room, null); // joined after the live stream moved on: no position yet

        Sinks.Empty<Void> gate = Sinks.empty();
        fixture.query.gate = gate.asMono();
        fixture.delivery.resynchronize().block();
        fixture.delivery.resynchronize().block();
        assertThat(fixture.catchUps.running()).as("one catch-up, for the socket with a position").isEqualTo(1);
        gate.tryEmitEmpty();

        eventually(() -> assertThat(seen.seqs(room)).containsExactly(1L, 2L, 3L, 4L, 5L));
        assertThat(fresh.seqs(room)).isEmpty();
    }
}
