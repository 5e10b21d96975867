package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault 2: the Kafka broker is stopped for 25 s while clients send. A send issued after the broker
 * stopped and answered before it was started again must be FAILED (never ACCEPTED without the
 * broker); the gateway and the worker stay up and recover by themselves within 30 s of the
 * broker's return; everything ACCEPTED, before, during and after, is stored once and delivered.
 * FAILED messages are retried by the client afterwards with the same clientMsgId, as a client would.
 */
class KafkaOutageTest {

    /**
     * Longer than two publish timeouts (11 s each: 2 x max.block.ms + delivery.timeout.ms + 1 s), so
     * that a send issued after the stop is answered before the broker returns whatever the timing:
     * the send in flight at the stop is answered within one, the next one issued within the next.
     * With 10 s, whether any send was both issued and answered while down depended on where in its
     * producer deadline the stop fell, and a loaded run could see none.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(25);
    private static final int ROOMS = 8;
    /** A typing round trip or REST call takes tens of ms; a stalled event loop makes it seconds. */
    private static final Duration BYSTANDER_LIMIT = Duration.ofMillis(1500);

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sendsFailWhileTheBrokerIsDownAndEverythingRecoversWhenItReturns() throws Exception {
        FaultStack stack = FaultStack.get();
        Api api = new Api(stack.gateway().http());
        Db db = new Db(stack.postgres());
        Figures figures = new Figures("2 Kafka broker stopped for 25 s");
        AppProcess gateway = stack.gateway();
        AppProcess worker = stack.worker();

        try (Rooms rooms = Rooms.create(api, gateway.ws(), "kafka", ROOMS, 1, 1);
             Rooms bystanders = Rooms.create(api, gateway.ws(), "bystander", 1, 1, 1)) {
            WsClient typist = bystanders.all().get(0).senders().get(0).socket();
            WsClient watcher = bystanders.all().get(0).listeners().get(0).socket();
            Api.User typistUser = bystanders.all().get(0).senders().get(0).user();
            double typingBefore = WsClient.typingRoundTrip(typist, watcher, bystanders.ids().get(0), Duration.ofSeconds(5));
            Ledger ledger = new Ledger();
            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (Rooms.Room room : rooms.all()) {
                Rooms.Member sender = room.senders().get(0);
                ledger.attach(sender.socket());
                // a chat client: send, wait for the answer, pause briefly, send the next
                senders.add(Thread.ofPlatform().name("kafka-" + sender.user().name()).start(() -> {
                    for (int i = 0; sending.get() && i < 10_000; i++) {
                        Ledger.Entry entry = ledger.send(sender.socket(), room.id(), sender.user().name() + "-" + i);
                        Ledger.await(entry, Duration.ofSeconds(20));
                        Sleep.millis(50);
                    }
                }));
            }

            Sleep.millis(3_000);
            long acceptedBefore = ledger.accepted();
            long stopBegin = System.nanoTime();
            stack.kafka().stop();
            long stopped = System.nanoTime();
            // bystanders: what does not need the broker (typing via Redis, REST via PostgreSQL, health)
            // must stay prompt while sends wait for it
            Api.Response healthDuring = null;
            List<Double> typingDuring = new ArrayList<>();
            List<Long> restDuring = new ArrayList<>();
            long unhealthyComponents = 0;
            long outageEnd = stopped + OUTAGE.toNanos();
            while (System.nanoTime() < outageEnd - 3_000_000_000L) {
                typingDuring.add(WsClient.typingRoundTrip(typist, watcher, bystanders.ids().get(0), Duration.ofSeconds(3)));
                Api.Response myRooms = api.get("/rooms", typistUser.token(), Duration.ofSeconds(5));
                restDuring.add(myRooms.status() == 200 ? myRooms.millis() : -myRooms.millis());
                Api.Response h = api.health();
                if (!"UP".equals(component(h, "db")) || !"UP".equals(component(h, "redis"))) {
                    unhealthyComponents++;
                }
                if (healthDuring == null || h.status() != 200) {
                    healthDuring = h;
                }
                Sleep.millis(200);
            }
            Sleep.millis(Math.max(0, (outageEnd - System.nanoTime()) / 1_000_000));
            boolean processesUpDuringOutage = gateway.alive() && worker.alive();
            long startBegin = System.nanoTime();
            stack.kafka().start();
            long started = System.nanoTime();

            // recovery: first ACCEPTED answer and first delivery after the broker is back
            long recoveryDeadline = started + Duration.ofSeconds(60).toNanos();
            Sleep.until(() -> firstAcceptedAfter(ledger, started) > 0 && firstDeliveryAfter(rooms, started) > 0,
                    Duration.ofNanos(recoveryDeadline - System.nanoTime()));
            long firstAccepted = firstAcceptedAfter(ledger, started);
            long firstDelivery = firstDeliveryAfter(rooms, started);
            Sleep.millis(3_000);
            sending.set(false);
            for (Thread t : senders) {
                t.join(Duration.ofSeconds(30));
            }

            // classify: issued after the broker stopped and answered before it was started again
            List<Ledger.Entry> duringOutage = ledger.all().stream()
                    .filter(e -> e.issuedAt >= stopped && e.answered() && e.answer.atNanos() <= startBegin).toList();
            long acceptedDuringOutage = duringOutage.stream().filter(Ledger.Entry::accepted).count();
            long acceptedWhileDown = ledger.all().stream()
                    .filter(e -> e.accepted() && e.answer.atNanos() > stopped && e.answer.atNanos() < startBegin).count();
            long failedTotal = ledger.failed();
            Map<String, Long> failureCodes = ledger.failureCodes();
            long acceptedFirstTry = ledger.accepted();

            // the client retries what FAILED, with the same clientMsgId
            long retried = 0;
            for (Rooms.Room room : rooms.all()) {
                WsClient socket = room.senders().get(0).socket();
                for (Ledger.Entry e : ledger.all()) {
                    if (e.roomId.equals(room.id()) && !e.accepted()) {
                        for (int attempt = 0; attempt < 3 && !e.accepted(); attempt++) {
                            ledger.resend(socket, e);
                            Ledger.await(e, Duration.ofSeconds(15));
                        }
                        retried++;
                    }
                }
            }

            long accepted = ledger.accepted();
            Sleep.until(() -> db.countOrMinusOne(rooms.ids()) >= accepted, Duration.ofSeconds(60));
            Map<String, List<WsClient>> subscribers = rooms.subscribers();
            Delivery.awaitComplete(subscribers, ledger, Duration.ofSeconds(30));
            Map<String, Db.RoomStats> stats = db.stats(rooms.ids());
            long stored = stats.values().stream().mapToLong(Db.RoomStats::rows).sum();
            long storedDuplicates = stats.values().stream().mapToLong(Db.RoomStats::duplicates).sum();
            var storedIds = db.ids(rooms.ids());
            long lostInStorage = ledger.acceptedIds().stream().filter(id -> !storedIds.contains(id)).count();
            Delivery.Report delivery = Delivery.check(subscribers, ledger);
            Api.Response healthAfter = api.health();

            figures.put("messages sent (logical)", ledger.count())
                    .put("ACCEPTED before the outage", acceptedBefore)
                    .seconds("broker stop took", (stopped - stopBegin) / 1e9)
                    .seconds("broker down (stopped -> start called)", (startBegin - stopped) / 1e9)
                    .seconds("broker start took", (started - startBegin) / 1e9)
                    .put("sends issued and answered while down", duringOutage.size())
                    .put("  of which FAILED", duringOutage.size() - acceptedDuringOutage)
                    .put("  of which ACCEPTED (must be 0)", acceptedDuringOutage)
                    .put("ACCEPTED answers received while down (must be 0)", acceptedWhileDown)
                    .put("FAILED answers in all (first tries)", failedTotal + " " + failureCodes)
                    .put("/health while down", healthDuring == null ? "-" : healthDuring.status() + " " + healthDuring.raw())
                    .put("gateway and worker alive during outage", processesUpDuringOutage)
                    .put("bystander typing round trip before (s)", typingBefore)
                    .put("bystander typing round trips while down (s)", summary(typingDuring))
                    .put("bystander GET /rooms while down (ms; <0 = not 200)", restDuring)
                    .put("health probes with db or redis not UP while down", unhealthyComponents)
                    .seconds("broker back -> first ACCEPTED", firstAccepted < 0 ? -1 : (firstAccepted - started) / 1e9)
                    .seconds("broker back -> first delivery", firstDelivery < 0 ? -1 : (firstDelivery - started) / 1e9)
                    .put("ACCEPTED on first try", acceptedFirstTry)
                    .put("FAILED retried with same clientMsgId", retried)
                    .put("ACCEPTED in the end", accepted)
                    .put("stored rows", stored)
                    .put("lost in storage", lostInStorage)
                    .put("duplicated in storage", storedDuplicates)
                    .deliveries(delivery)
                    .put("/health after", healthAfter.status());
            figures.print();

            assertThat(duringOutage).as("sends issued and answered while the broker was down").isNotEmpty();
            assertThat(acceptedDuringOutage).as("ACCEPTED without a broker").isZero();
            assertThat(acceptedWhileDown).as("ACCEPTED answers while the broker was down").isZero();
            assertThat(processesUpDuringOutage).as("gateway and worker stay up").isTrue();
            // a broker outage must not stall what does not need the broker (no event loop may wait for it)
            assertThat(typingDuring).as("typing round trips (s) while the broker was down").isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isBetween(0.0, BYSTANDER_LIMIT.toMillis() / 1000.0));
            assertThat(restDuring).as("GET /rooms answer times (ms) while the broker was down")
                    .allSatisfy(ms -> assertThat(ms).isBetween(0L, BYSTANDER_LIMIT.toMillis()));
            assertThat(unhealthyComponents).as("health probes showing db or redis not UP while only Kafka was down").isZero();
            assertThat(gateway.alive() && worker.alive()).as("gateway and worker still up").isTrue();
            assertThat(firstAccepted).as("an ACCEPTED after the broker's return").isPositive();
            assertThat((firstAccepted - started) / 1e9).as("seconds to the first ACCEPTED").isLessThanOrEqualTo(30);
            assertThat(firstDelivery).as("a delivery after the broker's return").isPositive();
            assertThat((firstDelivery - started) / 1e9).as("seconds to the first delivery").isLessThanOrEqualTo(30);
            assertThat(ledger.unanswered() + ledger.failed()).as("every message ACCEPTED after retries").isZero();
            assertThat(lostInStorage).isZero();
            assertThat(stored).isEqualTo(accepted);
            assertThat(storedDuplicates).isZero();
            stats.forEach((room, s) -> assertThat(s.gapless()).as("seqs of room %s: %s", room, s).isTrue());
            assertThat(delivery.lost()).isZero();
            assertThat(delivery.outOfOrder()).isZero();
            assertThat(healthAfter.status()).isEqualTo(200);
        }
    }

    private static String component(Api.Response health, String name) {
        return health.body() == null ? null : health.body().path("components").path(name).path("status").asString(null);
    }

    private static String summary(List<Double> seconds) {
        var stats = seconds.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return String.format(java.util.Locale.ROOT, "%d samples, min %.2f, avg %.2f, max %.2f", stats.getCount(),
                stats.getMin(), stats.getAverage(), stats.getMax());
    }

    private static long firstAcceptedAfter(Ledger ledger, long nanos) {
        return ledger.all().stream().filter(e -> e.accepted() && e.answer.atNanos() > nanos)
                .mapToLong(e -> e.answer.atNanos()).min().orElse(-1);
    }

    private static long firstDeliveryAfter(Rooms rooms, long nanos) {
        long first = Long.MAX_VALUE;
        for (Rooms.Room room : rooms.all()) {
            for (WsClient socket : room.listeners().stream().map(Rooms.Member::socket).toList()) {
                for (WsClient.Received m : socket.messages(room.id())) {
                    if (m.atNanos() > nanos) {
                        first = Math.min(first, m.atNanos());
                        break;
                    }
                }
            }
        }
        return first == Long.MAX_VALUE ? -1 : first;
    }
}
