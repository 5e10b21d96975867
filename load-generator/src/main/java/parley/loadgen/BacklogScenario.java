package parley.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * The worker's catch-up speed: with the worker stopped, K accepted messages are produced straight
 * to {@code chat.messages.v1} with the contract's codec (as a gateway would, for real rooms and
 * users); then the worker is started and the time until every one is stored is measured from the
 * rooms' {@code last_seq}. Two steps, because the benchmark script owns the worker process.
 */
final class BacklogScenario {

    private BacklogScenario() {
    }

    /** Step 1 (worker stopped): rooms and users over REST, then K records to Kafka. Writes the state for step 2. */
    static void produce(Options o) throws Exception {
        Rest rest = new Rest(o.required("gateway"));
        String bootstrap = o.required("bootstrap");
        long count = o.longValue("count", 100_000);
        int roomCount = o.integer("rooms", 100);
        int userCount = o.integer("users", 20);
        int contentLength = o.integer("content-length", 100);
        Path out = Path.of(o.string("out", "target/bench"));
        Path usersFile = o.string("users-file", null) == null ? null : Path.of(o.string("users-file", null));
        o.checkAllRead();
        Files.createDirectories(out);

        List<UserPool.User> users = UserPool.ensure(rest, userCount, usersFile, 4);
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
            rooms.add(rest.createRoom(users.get(r % userCount).token(), "backlog " + r));
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L << 20));
        MessageRecordCodec codec = new MessageRecordCodec();
        AtomicLong errors = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        String padding = "x".repeat(contentLength);
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long i = 0; i < count; i++) {
                String room = rooms.get((int) (i % roomCount));
                String number = Long.toString(i);
                MessageAccepted event = new MessageAccepted(MessageId.of(Ulids.next()), RoomId.of(room),
                        UserId.of(users.get((int) (i % userCount)).id()), new ClientMsgId(new UUID(random.nextLong(), random.nextLong())),
                        MessageContent.text("bl " + number + " " + padding.substring(0, contentLength - 4 - number.length())), Instant.now());
                producer.send(new ProducerRecord<>(Topics.MESSAGES, room, codec.encode(event)), (metadata, error) -> {
                    if (error != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " records could not be produced", firstError.get());
        }
        Log.info("[backlog] produced %,d records to %s in %.1f s (%,.0f records/s)", count, Topics.MESSAGES, seconds, count / seconds);
        Result state = new Result("backlog-state", "backlog state");
        state.config.put("rooms", String.join(",", rooms));
        state.number("count", count).number("produceSeconds", seconds).number("contentLength", contentLength)
                .number("rooms", roomCount).number("users", userCount);
        state.write(out);
    }

    /** Step 2, started just before the worker: waits until every produced message is stored. */
    static Result drain(Options o) throws Exception {
        Path out = Path.of(o.string("out", "target/bench"));
        String jdbc = o.required("jdbc-url");
        String user = o.string("jdbc-user", "parley");
        String password = o.string("jdbc-password", "parley");
        Duration timeout = o.duration("timeout", Duration.ofMinutes(5));
        List<String> pidSpecs = o.list("pids", "");
        String note = o.string("note", null);
        o.checkAllRead();

        Result state = Result.read(out.resolve("backlog-state.json"));
        List<String> rooms = List.of(state.config.get("rooms").split(","));
        long count = (long) state.get("count");
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long firstAt = -1;
        long firstCount = 0;
        long doneAt = -1;
        long stored = 0;
        ProcStats.Snapshot cpuFrom = null;
        ProcStats.Snapshot cpuTo = null;
        long lastLog = started;
        try (Db db = new Db(jdbc, user, password)) {
            while (System.nanoTime() < deadline) {
                stored = db.persistedBySeq(rooms);
                long now = System.nanoTime();
                if (firstAt < 0 && stored > 0) {
                    firstAt = now;
                    firstCount = stored;
                    cpuFrom = ProcStats.snapshot(ProcStats.parseRoots(pidSpecs));
                }
                if (stored >= count) {
                    doneAt = now;
                    cpuTo = ProcStats.snapshot(ProcStats.parseRoots(pidSpecs));
                    break;
                }
                if (now - lastLog > 5_000_000_000L) {
                    lastLog = now;
                    Log.info("[backlog] %,d of %,d stored", stored, count);
                }
                Rest.sleep(100);
            }
            long rows = db.countRows(rooms);
            Result result = new Result("backlog", "Worker backlog drain");
            if (firstAt > 0) {
                result.window(firstAt, doneAt > 0 ? doneAt : System.nanoTime());
            }
            result.config.put("backlog", Result.f0(count) + " messages in " + rooms.size() + " rooms, produced straight to "
                    + Topics.MESSAGES + " with the contract's codec while the worker was stopped");
            result.config.put("content", (long) state.get("contentLength") + " characters");
            double drainSeconds = doneAt < 0 || firstAt < 0 ? Double.NaN : (doneAt - firstAt) / 1e9;
            double rate = Double.isNaN(drainSeconds) || drainSeconds <= 0 ? Double.NaN : (count - firstCount) / drainSeconds;
            result.number("count", count).number("drainRate", rate).number("drainSeconds", drainSeconds)
                    .number("startToFirstSeconds", firstAt < 0 ? Double.NaN : (firstAt - started) / 1e9)
                    .number("rows", rows).number("produceRate", count / state.get("produceSeconds"));
            result.row("produced (Kafka, before the worker starts)", Result.f0(count / state.get("produceSeconds")) + " records/s");
            result.row("worker launch → first batch stored", Result.f1(firstAt < 0 ? Double.NaN : (firstAt - started) / 1e9) + " s");
            result.row("first batch → all stored", doneAt < 0 ? "NOT within " + timeout.toSeconds() + " s (" + stored + " of " + count + ")"
                    : Result.f1(drainSeconds) + " s");
            result.row("drain rate", Result.f0(rate) + " msg/s");
            result.row("rows stored / produced", Result.f0(rows) + " / " + Result.f0(count));
            if (cpuFrom != null && cpuTo != null) {
                StringBuilder text = new StringBuilder();
                for (Map.Entry<String, Double> e : ProcStats.cpuPercent(cpuFrom, cpuTo).entrySet()) {
                    if (e.getValue() >= 0.5 || e.getKey().startsWith("machine")) {
                        text.append(text.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(Result.f0(e.getValue())).append('%');
                        result.number("cpu." + e.getKey(), e.getValue());
                    }
                }
                result.row("CPU (% of one core; while draining)", text.toString());
            }
            if (note != null) {
                result.notes.add(note);
            }
            Log.info("[backlog] done: %s", result.table);
            result.write(out);
            return result;
        }
    }
}
