package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * M1 of the red-team review: FAILED must be final. The broker is away for about five seconds, so
 * records handed to the producer just before it left are delivered when it returns, a little before
 * the producer's own delivery timeout. A gateway that answered FAILED on a shorter timer of its own
 * told those clients "not accepted" about messages that were then stored and delivered. Now a send
 * is FAILED only when the broker certainly does not hold it, and UNKNOWN when it may.
 */
class BriefKafkaOutageTest {

    private static final int ROOMS = 8;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aMessageAnsweredFailedIsNeverStoredAndEveryUnknownOneIsSettledByARetryWithTheSameClientMsgId() throws Exception {
        FaultStack stack = FaultStack.get();
        Api api = new Api(stack.gateway().http());
        Db db = new Db(stack.postgres());
        Figures figures = new Figures("M1 Kafka broker away for about 5 s");

        try (Rooms rooms = Rooms.create(api, stack.gateway().ws(), "brief", ROOMS, 1, 1)) {
            Ledger ledger = new Ledger();
            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (Rooms.Room room : rooms.all()) {
                Rooms.Member sender = room.senders().get(0);
                ledger.attach(sender.socket());
                senders.add(Thread.ofPlatform().name("brief-" + sender.user().name()).start(() -> {
                    for (int i = 0; sending.get() && i < 10_000; i++) {
                        Ledger.Entry entry = ledger.send(sender.socket(), room.id(), sender.user().name() + "-" + i);
                        Ledger.await(entry, Duration.ofSeconds(30));
                        Sleep.millis(20);
                    }
                }));
            }

            Sleep.millis(2_000);
            long stopped = System.nanoTime();
            stack.kafka().stop();
            // back about 5 s after it left: before the producer's delivery timeout (6 s) of the first stranded records
            Sleep.millis(Math.max(0, 4_400 - (System.nanoTime() - stopped) / 1_000_000));
            long starting = System.nanoTime();
            stack.kafka().start();
            long back = System.nanoTime();
            Sleep.millis(5_000);
            sending.set(false);
            for (Thread t : senders) {
                t.join(Duration.ofSeconds(40));
            }

            // let the worker store everything the broker took, then look before anyone retries
            Sleep.until(stableCount(db, rooms.ids()), Duration.ofSeconds(60));
            Set<String> stored = db.contents(rooms.ids());
            List<Ledger.Entry> failed = ledger.all().stream().filter(e -> e.answered() && "FAILED".equals(e.answer.status())).toList();
            List<Ledger.Entry> unknown = ledger.all().stream().filter(e -> e.answered() && "UNKNOWN".equals(e.answer.status())).toList();
            List<Ledger.Entry> failedButStored = failed.stream().filter(e -> stored.contains(e.content)).toList();
            long unknownStored = unknown.stream().filter(e -> stored.contains(e.content)).count();
            Map<String, Long> codes = ledger.all().stream().filter(e -> e.answered() && !e.accepted())
                    .collect(Collectors.groupingBy(e -> e.answer.status() + " " + e.answer.errorCode(), Collectors.counting()));

            // the clients retry everything not ACCEPTED, with the same clientMsgId
            for (Rooms.Room room : rooms.all()) {
                WsClient socket = room.senders().get(0).socket();
                for (Ledger.Entry e : ledger.all()) {
                    for (int attempt = 0; attempt < 5 && e.roomId.equals(room.id()) && !e.accepted(); attempt++) {
                        ledger.resend(socket, e);
                        Ledger.await(e, Duration.ofSeconds(20));
                    }
                }
            }
            long accepted = ledger.accepted();
            Sleep.until(() -> db.countOrMinusOne(rooms.ids()) >= accepted, Duration.ofSeconds(60));
            Map<String, Db.RoomStats> stats = db.stats(rooms.ids());
            long rows = stats.values().stream().mapToLong(Db.RoomStats::rows).sum();
            long duplicates = stats.values().stream().mapToLong(Db.RoomStats::duplicates).sum();

            figures.put("messages sent (logical)", ledger.count())
                    .seconds("broker away (stopped -> start called)", (starting - stopped) / 1e9)
                    .seconds("broker back after", (back - stopped) / 1e9)
                    .put("first answers other than ACCEPTED", codes)
                    .put("answered FAILED", failed.size())
                    .put("  of which stored anyway (must be 0)", failedButStored.size())
                    .put("answered UNKNOWN", unknown.size())
                    .put("  of which stored before any retry", unknownStored)
                    .put("ACCEPTED in the end (after retries)", accepted)
                    .put("stored rows", rows)
                    .put("duplicated in storage", duplicates)
                    .print();

            assertThat(failedButStored).as("messages answered FAILED that were stored all the same")
                    .extracting(e -> e.content).isEmpty();
            assertThat(ledger.unanswered() + ledger.failed()).as("every message ACCEPTED after retries").isZero();
            assertThat(rows).isEqualTo(accepted);
            assertThat(duplicates).isZero();
            stats.forEach((room, s) -> assertThat(s.gapless()).as("seqs of room %s: %s", room, s).isTrue());
        }
    }

    /** True once the stored count stayed the same for two seconds. */
    private static java.util.function.BooleanSupplier stableCount(Db db, List<String> roomIds) {
        long[] last = {-2};
        long[] since = {System.nanoTime()};
        return () -> {
            long now = db.countOrMinusOne(roomIds);
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return now >= 0 && System.nanoTime() - since[0] > 2_000_000_000L;
        };
    }
}
