package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault 1: the worker is killed with SIGKILL while messages stream in over WebSocket, and started
 * again. Every ACCEPTED message must end up stored exactly once (rows = distinct ids = distinct
 * contents, seqs 1..n without a gap per room), and every subscriber must receive every message.
 */
class WorkerKill9Test {

    /** The issue asks for 10,000; {@code -Dparley.faults.kill9.messages=...} changes it. */
    private static final int MESSAGES = Integer.getInteger("parley.faults.kill9.messages", 10_000);
    private static final int ROOMS = 4;
    private static final int SENDERS_PER_ROOM = 2;
    private static final int LISTENERS_PER_ROOM = 1;
    private static final int WINDOW = 100;
    private static final double KILL_AT = 0.3;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyAcceptedMessageIsStoredOnceAndDeliveredAfterTheWorkerIsKilled() throws Exception {
        FaultStack stack = FaultStack.get();
        Api api = new Api(stack.gateway().http());
        Db db = new Db(stack.postgres());
        Figures figures = new Figures("1 worker kill -9");

        try (Rooms rooms = Rooms.create(api, stack.gateway().ws(), "k9", ROOMS, SENDERS_PER_ROOM, LISTENERS_PER_ROOM)) {
            Ledger ledger = new Ledger();
            List<Thread> senders = new ArrayList<>();
            int senderCount = ROOMS * SENDERS_PER_ROOM;
            int perSender = MESSAGES / senderCount;
            long t0 = System.nanoTime();
            for (Rooms.Room room : rooms.all()) {
                for (Rooms.Member sender : room.senders()) {
                    Semaphore window = new Semaphore(WINDOW);
                    ledger.attach(sender.socket(), window::release);
                    Thread thread = Thread.ofPlatform().name("k9-" + sender.user().name()).start(() -> {
                        for (int i = 0; i < perSender; i++) {
                            try {
                                if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                                    return; // the gateway stopped answering: the assertions below report it
                                }
                            } catch (InterruptedException e) {
                                return;
                            }
                            ledger.send(sender.socket(), room.id(), sender.user().name() + "-" + i);
                        }
                    });
                    senders.add(thread);
                }
            }
            int total = perSender * senderCount;

            // kill -9 the worker in the middle of the stream, and start a new one at once
            Sleep.await("30% of the acks", () -> ledger.answersReceived() >= total * KILL_AT, Duration.ofSeconds(120));
            long killedAt = System.nanoTime();
            long answeredAtKill = ledger.answersReceived();
            long storedAtKill = db.countOrMinusOne(rooms.ids());
            long oldPid = stack.worker().pid();
            stack.killWorker();
            long storedAfterKill = db.countOrMinusOne(rooms.ids());
            AppProcess worker = stack.startWorker();
            worker.awaitHealthy(FaultStack.START_TIMEOUT);
            double restartSeconds = Sleep.secondsSince(killedAt);
            long storedAtRestart = db.countOrMinusOne(rooms.ids());
            // the new worker's first stored message (it needs the partitions the killed one held)
            Sleep.until(() -> db.countOrMinusOne(rooms.ids()) > storedAtRestart, Duration.ofSeconds(120));
            double firstStoreSeconds = Sleep.secondsSince(killedAt);

            for (Thread thread : senders) {
                thread.join(Duration.ofSeconds(120));
            }
            Sleep.until(() -> ledger.answersReceived() >= total, Duration.ofSeconds(60));
            double sendSeconds = Sleep.secondsSince(t0);
            long accepted = ledger.accepted();

            // the restarted worker catches up
            long catchUpStart = System.nanoTime();
            Sleep.until(() -> db.countOrMinusOne(rooms.ids()) >= accepted, Duration.ofSeconds(120));
            double catchUpSeconds = Sleep.secondsSince(catchUpStart);
            Map<String, List<WsClient>> subscribers = rooms.subscribers();
            double deliveryWait = Delivery.awaitComplete(subscribers, ledger, Duration.ofSeconds(60));

            Map<String, Db.RoomStats> stats = db.stats(rooms.ids());
            long stored = stats.values().stream().mapToLong(Db.RoomStats::rows).sum();
            long storedDuplicates = stats.values().stream().mapToLong(Db.RoomStats::duplicates).sum();
            var storedIds = db.ids(rooms.ids());
            long lostInStorage = ledger.acceptedIds().stream().filter(id -> !storedIds.contains(id)).count();
            Delivery.Report delivery = Delivery.check(subscribers, ledger);

            figures.put("messages sent", ledger.count())
                    .put("rooms / senders / sockets", ROOMS + " / " + senderCount + " / " + rooms.sockets().size())
                    .put("ACCEPTED", accepted)
                    .put("FAILED", ledger.failed() + " " + ledger.failureCodes())
                    .put("unanswered", ledger.unanswered())
                    .seconds("send phase", sendSeconds)
                    .put("send rate (msg/s)", ledger.count() / sendSeconds)
                    .put("acks when killed", answeredAtKill)
                    .put("stored when killed / just after", storedAtKill + " / " + storedAfterKill)
                    .put("worker pids (killed -> new)", oldPid + " -> " + worker.pid())
                    .seconds("kill -> new worker healthy", restartSeconds)
                    .put("stored when new worker healthy", storedAtRestart)
                    .seconds("kill -> new worker stores again", firstStoreSeconds)
                    .seconds("catch-up after sends ended", catchUpSeconds)
                    .put("stored rows", stored)
                    .put("lost in storage (accepted, not stored)", lostInStorage)
                    .put("duplicated in storage", storedDuplicates)
                    .put("rooms with gapless seq 1..n", stats.values().stream().filter(Db.RoomStats::gapless).count() + "/" + ROOMS)
                    .deliveries(delivery)
                    .seconds("delivery wait after storage", deliveryWait);
            figures.print();

            assertThat(ledger.unanswered()).as("every send is answered").isZero();
            assertThat(ledger.failed()).as("the broker was up: nothing fails").isZero();
            assertThat(lostInStorage).as("accepted but not stored").isZero();
            assertThat(stored).as("stored rows = accepted messages").isEqualTo(accepted);
            assertThat(storedDuplicates).as("duplicates in storage").isZero();
            stats.forEach((room, s) -> assertThat(s.gapless()).as("seqs of room %s: %s", room, s).isTrue());
            assertThat(delivery.lost()).as("accepted messages a subscriber never received").isZero();
            assertThat(delivery.outOfOrder()).as("frames out of seq order").isZero();
            assertThat(stack.gateway().alive()).isTrue();
        }
    }
}
