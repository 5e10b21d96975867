package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault 4: Redis is stopped for 10 s. Sending and receiving go on (membership checks fall back to
 * PostgreSQL, the clientMsgId registry to the store; presence and typing degrade), {@code /health}
 * shows redis DOWN; after Redis returns (empty: it keeps no data), health is UP again and typing
 * frames flow again.
 */
class RedisOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final int ROOMS = 2;
    /** The gateway's publish timeout (PARLEY_PUBLISH_TIMEOUT, default 5 s): how long a client waits for an ack at most. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void chatGoesOnWithoutRedisAndTypingComesBack() throws Exception {
        FaultStack stack = FaultStack.get();
        AppProcess gateway = stack.gateway();
        Api api = new Api(gateway.http());
        Db db = new Db(stack.postgres());
        Figures figures = new Figures("4 Redis stopped for 10 s");

        try (Rooms rooms = Rooms.create(api, gateway.ws(), "redis", ROOMS, 1, 1)) {
            Rooms.Room typingRoom = rooms.all().get(0);
            WsClient typist = typingRoom.senders().get(0).socket();
            WsClient watcher = typingRoom.listeners().get(0).socket();
            double typingBefore = WsClient.typingRoundTrip(typist, watcher, typingRoom.id(), Duration.ofSeconds(10));

            Ledger ledger = new Ledger();
            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (Rooms.Room room : rooms.all()) {
                Rooms.Member sender = room.senders().get(0);
                ledger.attach(sender.socket());
                senders.add(Thread.ofPlatform().name("redis-" + sender.user().name()).start(() -> {
                    for (int i = 0; sending.get() && i < 10_000; i++) {
                        Ledger.await(ledger.send(sender.socket(), room.id(), sender.user().name() + "-" + i), Duration.ofSeconds(20));
                        Sleep.millis(100);
                    }
                }));
            }
            Sleep.millis(2_000);

            stack.redis().stop();
            long stopped = System.nanoTime();
            long[] healthDownAt = {-1};
            Api.Response[] healthDown = {null};
            Sleep.until(() -> {
                Api.Response h = api.health();
                if (h.status() == 503 && "DOWN".equals(component(h, "redis"))) {
                    healthDown[0] = h;
                    healthDownAt[0] = System.nanoTime();
                    return true;
                }
                return false;
            }, Duration.ofSeconds(8));

            // a client that connects while Redis is down: connect, join with lastSeenSeq, receive
            Rooms.Room lateRoom = rooms.all().get(1);
            Api.User lateUser = lateRoom.listeners().get(0).user();
            long lateStart = System.nanoTime();
            String lateOutcome;
            WsClient late = null;
            try {
                late = WsClient.connect(gateway.ws(), lateUser.token(), "redis-late", Duration.ofSeconds(10));
                late.join(lateRoom.id(), 0L, Duration.ofSeconds(15));
                lateOutcome = String.format(java.util.Locale.ROOT, "connected and joined in %.2f s", Sleep.secondsSince(lateStart));
            } catch (RuntimeException | AssertionError e) {
                lateOutcome = "failed after " + String.format(java.util.Locale.ROOT, "%.2f s: ", Sleep.secondsSince(lateStart)) + e.getMessage();
            }
            boolean typingDuring = WsClient.typingRoundTrip(typist, watcher, typingRoom.id(), Duration.ofSeconds(2)) >= 0;
            Sleep.millis(Math.max(0, (stopped + OUTAGE.toNanos() - System.nanoTime()) / 1_000_000));

            stack.redis().start();
            long restarted = System.nanoTime();
            Sleep.until(() -> {
                Api.Response h = api.health();
                return h.status() == 200 && "UP".equals(component(h, "redis"));
            }, Duration.ofSeconds(30));
            double healthUp = Sleep.secondsSince(restarted);
            // typing again: the relay resubscribes by itself; a typist types every 250 ms until seen
            double typingBack = WsClient.typingRoundTrip(typist, watcher, typingRoom.id(), Duration.ofSeconds(30));
            double typingBackSinceRestart = typingBack < 0 ? -1 : Sleep.secondsSince(restarted);

            Sleep.millis(1_000);
            sending.set(false);
            for (Thread t : senders) {
                t.join(Duration.ofSeconds(30));
            }
            long accepted = ledger.accepted();
            Sleep.until(() -> db.countOrMinusOne(rooms.ids()) >= accepted, Duration.ofSeconds(30));
            Map<String, List<WsClient>> subscribers = rooms.subscribers();
            if (late != null && !late.isClosed()) {
                subscribers.get(lateRoom.id()).add(late);
            }
            Delivery.awaitComplete(subscribers, ledger, Duration.ofSeconds(30));
            Map<String, Db.RoomStats> stats = db.stats(rooms.ids());
            long stored = stats.values().stream().mapToLong(Db.RoomStats::rows).sum();
            long storedDuplicates = stats.values().stream().mapToLong(Db.RoomStats::duplicates).sum();
            var storedIds = db.ids(rooms.ids());
            long lostInStorage = ledger.acceptedIds().stream().filter(id -> !storedIds.contains(id)).count();
            Delivery.Report delivery = Delivery.check(subscribers, ledger);

            List<Ledger.Entry> during = ledger.all().stream().filter(e -> e.issuedAt > stopped && e.issuedAt < restarted).toList();
            LongSummaryStatistics latencyDuring = during.stream().filter(Ledger.Entry::answered)
                    .mapToLong(e -> (e.answer.atNanos() - e.issuedAt) / 1_000_000).summaryStatistics();
            LongSummaryStatistics latencyBefore = ledger.all().stream().filter(e -> e.issuedAt < stopped && e.answered())
                    .mapToLong(e -> (e.answer.atNanos() - e.issuedAt) / 1_000_000).summaryStatistics();
            Api.Response healthAfter = api.health();

            figures.put("typing round trip before (s)", typingBefore)
                    .put("messages sent", ledger.count())
                    .put("sent while Redis was down", during.size())
                    .put("  of which ACCEPTED", during.stream().filter(Ledger.Entry::accepted).count())
                    .put("  of which FAILED", during.stream().filter(Ledger.Entry::failed).count())
                    .put("ack latency before (avg/max ms)", Math.round(latencyBefore.getAverage()) + " / " + latencyBefore.getMax())
                    .put("ack latency while down (avg/max ms)", Math.round(latencyDuring.getAverage()) + " / " + latencyDuring.getMax())
                    .seconds("Redis stopped -> /health redis DOWN", healthDownAt[0] < 0 ? -1 : (healthDownAt[0] - stopped) / 1e9)
                    .put("/health while down", healthDown[0] == null ? "never DOWN" : healthDown[0].status() + " " + healthDown[0].raw())
                    .put("new socket while down", lateOutcome)
                    .put("typing delivered while down", typingDuring)
                    .seconds("Redis back -> /health UP", healthUp)
                    .seconds("Redis back -> typing frames flow again", typingBackSinceRestart)
                    .put("ACCEPTED in all", accepted)
                    .put("FAILED in all", ledger.failed() + " " + ledger.failureCodes())
                    .put("stored rows", stored)
                    .put("lost in storage", lostInStorage)
                    .put("duplicated in storage", storedDuplicates)
                    .deliveries(delivery)
                    .put("/health after", healthAfter.status());
            figures.print();
            if (late != null) {
                late.close();
            }

            assertThat(typingBefore).as("typing works before the outage").isNotNegative();
            assertThat(during.stream().filter(Ledger.Entry::accepted).count()).as("sends ACCEPTED while Redis was down").isPositive();
            assertThat(ledger.failed() + ledger.unanswered()).as("sends that did not go through").isZero();
            // "goes on": a send is answered within the gateway's own publish timeout, as when Redis is up
            assertThat(latencyDuring.getMax()).as("slowest ack while Redis was down (ms)").isLessThan(PUBLISH_TIMEOUT.toMillis());
            assertThat(healthDown[0]).as("/health shows redis DOWN with 503").isNotNull();
            assertThat(lateOutcome).as("a client connecting while Redis is down").startsWith("connected");
            assertThat(healthAfter.status()).isEqualTo(200);
            assertThat(typingBack).as("typing frames flow again after Redis returned").isNotNegative();
            assertThat(lostInStorage).isZero();
            assertThat(stored).isEqualTo(accepted);
            assertThat(storedDuplicates).isZero();
            stats.forEach((room, s) -> assertThat(s.gapless()).as("seqs of room %s: %s", room, s).isTrue());
            assertThat(delivery.lost()).isZero();
            assertThat(delivery.outOfOrder()).isZero();
            assertThat(gateway.alive()).isTrue();
        }
    }

    private static String component(Api.Response health, String name) {
        return health.body() == null ? null : health.body().path("components").path(name).path("status").asString(null);
    }
}
