package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import parley.contract.kafka.Topics;

/**
 * Fault 3: PostgreSQL is stopped for 10 s while clients send. Sending goes on (membership answers
 * come from the Redis cache, the broker takes the messages); the worker retries its batch with
 * back-off and commits no offset past an unstored message (sampled with the admin client during
 * the outage: the committed offsets of {@code chat-persistor} never pass the topic's end offsets
 * at the moment the database went away); it catches up afterwards, every message accepted during
 * the outage stored exactly once. The gateway's REST answers 503 SERVICE_UNAVAILABLE within its
 * client's timeout instead of hanging, and {@code /health} shows db DOWN with 503.
 */
class PostgresOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration REST_CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final int ROOMS = 3;

    /** One REST probe during the outage. */
    record Probe(String what, int status, String code, long millis) {
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theWorkerWaitsForTheDatabaseAndTheGatewayAnswers503() throws Exception {
        FaultStack stack = FaultStack.get();
        Api api = new Api(stack.gateway().http());
        Db db = new Db(stack.postgres());
        Figures figures = new Figures("3 PostgreSQL stopped for 10 s");

        try (Rooms rooms = Rooms.create(api, stack.gateway().ws(), "pg", ROOMS, 1, 1);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            Ledger ledger = new Ledger();
            Api.User probeUser = rooms.all().get(0).senders().get(0).user();
            String probeRoom = rooms.all().get(0).id();
            // a socket whose joins need the database: the room is another one, so the membership cache has no answer
            WsClient probeSocket = rooms.all().get(0).senders().get(0).socket();
            String otherRoom = rooms.all().get(1).id();
            // warm-up: one stored message per sender also puts the membership in the Redis cache
            for (Rooms.Room room : rooms.all()) {
                Rooms.Member sender = room.senders().get(0);
                ledger.attach(sender.socket());
                Ledger.await(ledger.send(sender.socket(), room.id(), sender.user().name() + "-warm"), Duration.ofSeconds(10));
            }
            Sleep.await("warm-up stored", () -> db.countOrMinusOne(rooms.ids()) >= ROOMS, Duration.ofSeconds(30));

            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (Rooms.Room room : rooms.all()) {
                Rooms.Member sender = room.senders().get(0);
                senders.add(Thread.ofPlatform().name("pg-" + sender.user().name()).start(() -> {
                    for (int i = 0; sending.get() && i < 10_000; i++) {
                        Ledger.await(ledger.send(sender.socket(), room.id(), sender.user().name() + "-" + i), Duration.ofSeconds(20));
                        Sleep.millis(100);
                    }
                }));
            }
            Sleep.millis(2_000);

            stack.postgres().stop();
            long stopped = System.nanoTime();
            Map<TopicPartition, Long> endAtStop = endOffsets(admin);
            Map<TopicPartition, Long> committedAtStop = committed(admin);

            // during the outage: committed offsets, REST and health, all sampled with client timeouts
            List<Probe> probes = new ArrayList<>();
            List<String> socketProbes = new ArrayList<>();
            ConcurrentLinkedQueue<String> offsetViolations = new ConcurrentLinkedQueue<>();
            Map<TopicPartition, Long> maxCommittedDuring = new HashMap<>();
            long outageEnd = stopped + OUTAGE.toNanos();
            int offsetSamples = 0;
            while (System.nanoTime() < outageEnd - 1_500_000_000L) {
                Map<TopicPartition, Long> committed = committed(admin);
                offsetSamples++;
                committed.forEach((tp, offset) -> {
                    maxCommittedDuring.merge(tp, offset, Math::max);
                    if (offset > endAtStop.getOrDefault(tp, 0L)) {
                        offsetViolations.add(tp + " committed " + offset + " > end at stop " + endAtStop.get(tp));
                    }
                });
                probes.add(probe("GET /rooms", api.get("/rooms", probeUser.token(), REST_CLIENT_TIMEOUT)));
                probes.add(probe("GET /rooms/{id}/messages", api.get("/rooms/" + probeRoom + "/messages?limit=5", probeUser.token(), REST_CLIENT_TIMEOUT)));
                probes.add(probe("GET /health", api.get("/health", null, REST_CLIENT_TIMEOUT)));
                WsClient.Answer joined = probeSocket.await(probeSocket.send("joinRoom", "\"roomId\":\"" + otherRoom + "\""), REST_CLIENT_TIMEOUT);
                socketProbes.add(joined == null ? "no reply" : joined.frame().path("error").path("code").asString("ok"));
                Sleep.millis(500);
            }
            Api.Response healthDown = api.get("/health", null, REST_CLIENT_TIMEOUT);
            Sleep.millis(Math.max(0, (outageEnd - System.nanoTime()) / 1_000_000));

            stack.postgres().start();
            long restarted = System.nanoTime();

            // recovery of the gateway's REST
            Sleep.until(() -> api.get("/rooms", probeUser.token(), REST_CLIENT_TIMEOUT).status() == 200, Duration.ofSeconds(30));
            double restRecovery = Sleep.secondsSince(restarted);
            Sleep.millis(2_000);
            sending.set(false);
            for (Thread t : senders) {
                t.join(Duration.ofSeconds(30));
            }
            long accepted = ledger.accepted();
            long sentDuringOutage = ledger.all().stream().filter(e -> e.issuedAt > stopped && e.issuedAt < restarted).count();
            long acceptedDuringOutage = ledger.all().stream()
                    .filter(e -> e.issuedAt > stopped && e.issuedAt < restarted && e.accepted()).count();
            Sleep.until(() -> db.countOrMinusOne(rooms.ids()) >= accepted, Duration.ofSeconds(60));
            double catchUp = Sleep.secondsSince(restarted);
            Map<String, List<WsClient>> subscribers = rooms.subscribers();
            Delivery.awaitComplete(subscribers, ledger, Duration.ofSeconds(30));

            Map<String, Db.RoomStats> stats = db.stats(rooms.ids());
            long stored = stats.values().stream().mapToLong(Db.RoomStats::rows).sum();
            long storedDuplicates = stats.values().stream().mapToLong(Db.RoomStats::duplicates).sum();
            var storedIds = db.ids(rooms.ids());
            long lostInStorage = ledger.acceptedIds().stream().filter(id -> !storedIds.contains(id)).count();
            long outageAcceptedStored = ledger.all().stream()
                    .filter(e -> e.issuedAt > stopped && e.issuedAt < restarted && e.accepted())
                    .filter(e -> storedIds.contains(e.answer.messageId())).count();
            Delivery.Report delivery = Delivery.check(subscribers, ledger);
            Api.Response healthAfter = api.health();

            List<Probe> rest = probes.stream().filter(p -> !p.what().equals("GET /health")).toList();
            List<Probe> health = probes.stream().filter(p -> p.what().equals("GET /health")).toList();
            figures.put("messages sent", ledger.count())
                    .seconds("database down (stopped -> start called)", (restarted - stopped) / 1e9)
                    .put("sent during the outage", sentDuringOutage)
                    .put("  of which ACCEPTED", acceptedDuringOutage)
                    .put("  ACCEPTED during outage, stored after", outageAcceptedStored)
                    .put("FAILED in all", ledger.failed() + " " + ledger.failureCodes())
                    .put("committed offsets at stop", committedAtStop)
                    .put("end offsets at stop", endAtStop)
                    .put("max committed during outage", maxCommittedDuring)
                    .put("offset samples / violations", offsetSamples + " / " + offsetViolations.size())
                    .put("REST probes during outage", summary(rest))
                    .put("health probes during outage", summary(health))
                    .put("socket joins during outage (codes)", socketProbes)
                    .put("/health while down", healthDown.status() + " " + healthDown.raw())
                    .seconds("db back -> REST 200 again", restRecovery)
                    .seconds("db back -> all accepted stored", catchUp)
                    .put("ACCEPTED in all", accepted)
                    .put("stored rows", stored)
                    .put("lost in storage", lostInStorage)
                    .put("duplicated in storage", storedDuplicates)
                    .deliveries(delivery)
                    .put("/health after", healthAfter.status());
            figures.print();

            assertThat(acceptedDuringOutage).as("messages accepted while the database was down").isPositive();
            assertThat(offsetViolations).as("offsets committed past unstored messages").isEmpty();
            assertThat(ledger.unanswered()).isZero();
            assertThat(lostInStorage).isZero();
            assertThat(stored).isEqualTo(accepted);
            assertThat(storedDuplicates).isZero();
            stats.forEach((room, s) -> assertThat(s.gapless()).as("seqs of room %s: %s", room, s).isTrue());
            assertThat(delivery.lost()).isZero();
            assertThat(delivery.outOfOrder()).isZero();
            assertThat(rest).as("REST probes").isNotEmpty().allSatisfy(p -> {
                assertThat(p.status()).as("%s status", p).isEqualTo(503);
                assertThat(p.code()).as("%s code", p).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(p.millis()).as("%s answer time", p).isLessThan(REST_CLIENT_TIMEOUT.toMillis());
            });
            // the same outage, the same code on a socket as over REST (it was INTERNAL_ERROR there)
            assertThat(socketProbes).as("socket joins needing the database").isNotEmpty().containsOnly("SERVICE_UNAVAILABLE");
            assertThat(healthDown.status()).isEqualTo(503);
            assertThat(healthDown.body().path("components").path("db").path("status").asString()).isEqualTo("DOWN");
            assertThat(healthAfter.status()).isEqualTo(200);
            assertThat(stack.gateway().alive() && stack.worker().alive()).isTrue();
        }
    }

    private static Probe probe(String what, Api.Response r) {
        return new Probe(what, r.status(), r.code() != null ? r.code()
                : r.body() != null ? r.body().path("components").path("db").path("status").asString("") : "", r.millis());
    }

    private static String summary(List<Probe> probes) {
        Map<String, Long> byOutcome = new java.util.TreeMap<>();
        probes.forEach(p -> byOutcome.merge(p.status() + " " + p.code(), 1L, Long::sum));
        long max = probes.stream().mapToLong(Probe::millis).max().orElse(-1);
        double avg = probes.stream().mapToLong(Probe::millis).average().orElse(-1);
        return probes.size() + " probes " + byOutcome + ", answer time avg " + Math.round(avg) + " ms, max " + max + " ms";
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.MESSAGES)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(Topics.MESSAGES).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(Topics.MESSAGES, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin
                .listConsumerGroupOffsets(Topics.PERSISTOR_GROUP, new ListConsumerGroupOffsetsOptions().timeoutMs(3_000))
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        offsets.forEach((tp, om) -> {
            if (om != null && tp.topic().equals(Topics.MESSAGES)) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }
}
