package parley.adapter.in.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import parley.application.fake.SequentialIdGenerator;
import parley.application.model.ConnectionId;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ChatSessionTest {

    private final List<String> closes = new ArrayList<>();
    private final ChatSession session = new ChatSession(new SequentialIdGenerator().newUserId(),
            new ConnectionId(UUID.randomUUID().toString()), 10, 2, (code, reason) -> closes.add(code + " " + reason), new FrameCodec());

    @Test
    void aBulkProducerGoesOnAtOnceWhileTheQueueIsLessThanHalfFull() {
        emit(4);

        assertThat(session.roomForBulk().toFuture()).isCompleted();
    }

    @Test
    void aBulkProducerWaitsUntilTheClientHasReadTheQueueDownToLessThanHalf() {
        Reader reader = new Reader();
        session.outbound().subscribe(reader);
        emit(8);
        AtomicBoolean goOn = new AtomicBoolean();
        session.roomForBulk().subscribe(null, null, () -> goOn.set(true));

        reader.read(3); // 5 left: half of 10, not less
        assertThat(goOn).isFalse();
        reader.read(1);
        assertThat(goOn).as("4 left").isTrue();
    }

    @Test
    void aWaitingBulkProducerGoesOnWhenTheSocketClosesAndThenSeesItClosed() {
        emit(8);
        AtomicBoolean goOn = new AtomicBoolean();
        session.roomForBulk().subscribe(null, null, () -> goOn.set(true));

        session.close();

        assertThat(goOn).isTrue();
        assertThat(session.isClosed()).isTrue();
    }

    @Test
    void aFullQueueClosesTheSocketWith1008AndTakesNoMoreFrames() {
        assertThat(emit(10)).isEqualTo(10);

        assertThat(session.emit(new byte[] {'x'})).isFalse();

        assertThat(closes).containsExactly("1008 outbound queue full: the client is not reading");
        assertThat(session.emit(new byte[] {'y'})).isFalse();
        assertThat(closes).as("closed once").hasSize(1);
    }

    @Test
    void aSessionSendsOneCloseHoweverManyReasonsToCloseItMeets() {
        session.closeForPolicy("too many frames: rate limit exceeded");
        session.closeForPolicy("too many frames: rate limit exceeded");
        session.closeWith(CloseCodes.GOING_AWAY, "the gateway is shutting down");

        assertThat(closes).containsExactly("1008 too many frames: rate limit exceeded");
    }

    @Test
    void aSessionWhoseConnectionEndedSendsNoClose() {
        session.close();

        session.closeForPolicy("too many frames: rate limit exceeded");

        assertThat(closes).isEmpty();
    }

    @Test
    void atMostTwoCatchUpsOfOneSocketRunAtOnceAndTheOthersWaitTheirTurnInOrder() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Sinks.Empty<Void>> ends = new ArrayList<>();
        List<Integer> started = new ArrayList<>();
        List<Disposable> catchUps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Sinks.Empty<Void> end = Sinks.empty();
            ends.add(end);
            int n = i;
            catchUps.add(session.inCatchUpTurn(Mono.defer(() -> {
                started.add(n);
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                // before the end travels on: the turn it frees starts the next one at once
                return end.asMono().doOnTerminate(running::decrementAndGet);
            })).subscribe());
        }
        assertThat(started).containsExactly(0, 1);

        catchUps.get(2).dispose(); // a waiting one leaves the line
        ends.get(0).tryEmitEmpty();
        ends.get(1).tryEmitEmpty();
        ends.get(3).tryEmitEmpty();

        assertThat(started).containsExactly(0, 1, 3, 4);
        assertThat(most).hasValue(2);
    }

    private int emit(int frames) {
        int taken = 0;
        for (int i = 0; i < frames; i++) {
            if (session.emit(new byte[] {(byte) i})) {
                taken++;
            }
        }
        return taken;
    }

    /** Takes frames only when told, like a client reading slowly. */
    private static final class Reader extends BaseSubscriber<byte[]> {
        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // nothing until read()
        }

        void read(int frames) {
            request(frames);
        }
    }
}
