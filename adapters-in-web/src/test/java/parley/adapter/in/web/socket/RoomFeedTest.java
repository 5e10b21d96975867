package parley.adapter.in.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import parley.adapter.in.web.socket.RoomFeed.Delivery;
import parley.domain.room.RoomId;
import reactor.core.Disposable;
import reactor.core.Disposables;

class RoomFeedTest {

    private final SocketFixture fixture = new SocketFixture();
    private final RoomId room = fixture.ids.newRoomId();
    private final List<Long> sent = new ArrayList<>();

    @Test
    void aLiveFeedSendsEachMessageOnceInSeqOrderAndTakesAHoleForACatchUp() {
        RoomFeed feed = RoomFeed.live(100);

        assertThat(feed.offer(delivery(4), this::record)).isEmpty();
        assertThat(feed.offer(delivery(5), this::record)).isEmpty();
        assertThat(feed.offer(delivery(5), this::record)).as("a duplicate").isEmpty();
        assertThat(feed.offer(delivery(8), this::record)).as("6 and 7 are missing").hasValue(5);
        assertThat(feed.offer(delivery(9), this::record)).as("held while catching up").isEmpty();

        feed.caughtUp(delivery(6), this::record);
        feed.caughtUp(delivery(7), this::record);
        assertThat(feed.finishCatchUp(this::record)).isEmpty();

        assertThat(sent).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(feed.isCatchingUp()).isFalse();
    }

    @Test
    void aClosedFeedSendsNothingMoreAndStopsItsCatchUp() {
        RoomFeed feed = RoomFeed.from(0, 100);
        Disposable catchUp = Disposables.single();
        feed.runs(catchUp);

        feed.close();
        feed.caughtUp(delivery(1), this::record);
        feed.offer(delivery(2), this::record);

        assertThat(catchUp.isDisposed()).isTrue();
        assertThat(sent).isEmpty();
        assertThat(feed.finishCatchUp(this::record)).isEmpty();

        Disposable late = Disposables.single();
        feed.runs(late);
        assertThat(late.isDisposed()).as("a catch-up handed to a closed feed is stopped at once").isTrue();
    }

    @Test
    void liveMessagesHeldDuringACatchUpAreBoundedAndTheDroppedOnesAreReadFromTheStoreAfterwards() {
        RoomFeed feed = RoomFeed.from(0, 3);
        for (long seq = 11; seq <= 20; seq++) {
            feed.offer(delivery(seq), this::record);
        }
        assertThat(feed.heldCount()).isEqualTo(3);

        for (long seq = 1; seq <= 10; seq++) {
            feed.caughtUp(delivery(seq), this::record);
        }
        OptionalLong more = feed.finishCatchUp(this::record);

        assertThat(sent).as("the held ones follow on").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(more).as("14..20 were dropped: read them from the store").hasValue(13);
        assertThat(feed.isCatchingUp()).isTrue();
    }

    @Test
    void aPositionBeyondTheRoomsLastSeqIsBroughtDownSoNewMessagesAreNotTakenForDuplicates() {
        RoomFeed feed = RoomFeed.from(1_000, 100);
        feed.offer(delivery(4), this::record);

        feed.clampTo(3);
        assertThat(feed.finishCatchUp(this::record)).isEmpty();
        feed.offer(delivery(5), this::record);

        assertThat(sent).containsExactly(4L, 5L);
        feed.clampTo(100);
        assertThat(feed.lastSeq()).as("never raised").isEqualTo(5);
    }

    @Test
    void aCatchUpBeginsOnlyFromAKnownPositionAndNeverTwice() {
        RoomFeed unknown = RoomFeed.live(100);
        assertThat(unknown.beginCatchUp()).as("nothing sent yet: no position").isEmpty();

        unknown.offer(delivery(7), this::record);
        assertThat(unknown.beginCatchUp()).hasValue(7);
        assertThat(unknown.beginCatchUp()).as("already catching up").isEmpty();
        assertThat(RoomFeed.from(3, 100).beginCatchUp()).as("made catching up").isEmpty();
    }

    private Delivery delivery(long seq) {
        return new Delivery(fixture.message(room, seq), Long.toString(seq).getBytes());
    }

    private void record(byte[] frame) {
        sent.add(Long.parseLong(new String(frame)));
    }
}
