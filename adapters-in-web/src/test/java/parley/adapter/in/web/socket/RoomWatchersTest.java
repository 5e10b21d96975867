package parley.adapter.in.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.application.fake.SequentialIdGenerator;
import parley.application.model.ConnectionId;
import parley.domain.room.RoomId;

class RoomWatchersTest {

    private final SequentialIdGenerator ids = new SequentialIdGenerator();

    /**
     * M3 of the red-team review, made deterministic: the joining socket's add is held up inside
     * the room's set while the room's only other watcher leaves. The leave must wait for the add
     * (both are atomic per room), so the joining socket is in the index afterwards. With the add
     * done after the lookup (computeIfAbsent(...).add), the leave drops the set first and the join
     * lands in an orphan.
     */
    @Test
    void aJoinHeldUpInsideTheSetWhileTheLastWatcherLeavesStillEndsUpInTheIndex() throws Exception {
        ChatSession leaving = session();
        ChatSession joining = session();
        CountDownLatch addEntered = new CountDownLatch(1);
        CountDownLatch releaseAdd = new CountDownLatch(1);
        RoomWatchers watchers = new RoomWatchers(() -> new SlowToAdd(joining, addEntered, releaseAdd));
        RoomId room = ids.newRoomId();
        watchers.add(room, leaving);

        Thread join = Thread.ofPlatform().start(() -> watchers.add(room, joining));
        assertThat(addEntered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread leave = Thread.ofPlatform().start(() -> watchers.remove(room, leaving));
        leave.join(300); // the leave runs now, or waits for the add
        releaseAdd.countDown();
        join.join(5_000);
        leave.join(5_000);

        assertThat(watchers.of(room)).containsExactly(joining);
        assertThat(watchers.rooms()).isEqualTo(1);
    }

    @Test
    void theLastWatcherLeavingDropsTheRoom() {
        RoomWatchers watchers = new RoomWatchers();
        RoomId room = ids.newRoomId();
        ChatSession only = session();

        watchers.add(room, only);
        watchers.remove(room, only);
        watchers.remove(room, only);

        assertThat(watchers.of(room)).isEmpty();
        assertThat(watchers.rooms()).isZero();
    }

    private ChatSession session() {
        return new ChatSession(ids.newUserId(), new ConnectionId(UUID.randomUUID().toString()), 10, 1, (code, reason) -> { }, new FrameCodec());
    }

    /** A room's set whose add of one socket waits until released. */
    private static final class SlowToAdd extends java.util.AbstractSet<ChatSession> {
        private final Set<ChatSession> inner = ConcurrentHashMap.newKeySet();
        private final ChatSession slow;
        private final CountDownLatch entered;
        private final CountDownLatch release;

        SlowToAdd(ChatSession slow, CountDownLatch entered, CountDownLatch release) {
            this.slow = slow;
            this.entered = entered;
            this.release = release;
        }

        @Override
        public boolean add(ChatSession session) {
            if (session == slow) {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.add(session);
        }

        @Override
        public boolean remove(Object session) {
            return inner.remove(session);
        }

        @Override
        public java.util.Iterator<ChatSession> iterator() {
            return inner.iterator();
        }

        @Override
        public int size() {
            return inner.size();
        }
    }
}
