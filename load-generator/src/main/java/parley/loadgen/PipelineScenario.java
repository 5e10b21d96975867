package parley.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * The message path end to end: users registered over REST, N sockets spread over the gateways,
 * rooms of R sockets, M messages per second in total (open loop: each message has its scheduled
 * send time, and latencies are measured from it, so a stalled server cannot hide its queue) for a
 * warm-up and then T measured seconds. Measures send→ACK and send→deliver at every socket of the
 * room (the sender's own included), ACKs/s, deliveries/s, loss and duplicates (every socket must
 * get every ACCEPTED message of its room exactly once, identified by clientMsgId and checked
 * against the messageId of the ACK), seq order, persisted rows and persistence lag. The sockets
 * speak {@code /ws} or Socket.IO ({@link Protocol}); nothing else of the scenario depends on which.
 */
public final class PipelineScenario {

    /**
     * @param maxInflightPerSocket sends without an ACK after which the pacer skips a socket (the
     *                             gateway handles a socket's frames one after the other)
     * @param protocol             what the sockets speak: {@code ws} (Parley's JSON frames at /ws) or
     *                             {@code socketio} (Socket.IO at /socket.io/, WebSocket transport)
     */
    public record Config(String name, String title, List<String> gateways, int sockets, int roomSize, int users,
                         double rate, Duration warmup, Duration duration, Duration drainTimeout, int contentLength,
                         int maxInflightPerSocket, int connectParallelism, String jdbcUrl, String jdbcUser,
                         String jdbcPassword, Path outDir, Path usersFile, Map<String, Long> pids, int eventLoops,
                         long maxPersistenceLag, String protocol) {

        public Config {
            Protocol.of(protocol);
            if (gateways.isEmpty() || sockets < 1 || roomSize < 1 || users < 1 || rate <= 0) {
                throw new IllegalArgumentException("gateways, sockets, room size, users and rate must be given and positive");
            }
            if (contentLength < 24) {
                throw new IllegalArgumentException("content length must be at least 24 characters (it carries the message number)");
            }
        }

        /** A small run for tests. */
        public static Config small(String name, List<String> gateways, int sockets, int roomSize, double rate, Duration duration,
                                   String jdbcUrl, String jdbcUser, String jdbcPassword, Path outDir) {
            return new Config(name, name, gateways, sockets, roomSize, Math.max(roomSize, 2), rate, Duration.ofSeconds(1), duration,
                    Duration.ofSeconds(20), 100, 50, 16, jdbcUrl, jdbcUser, jdbcPassword, outDir, null, Map.of(), 2, 0, "ws");
        }

        /** The same run over another protocol ({@code ws} or {@code socketio}). */
        public Config withProtocol(String other) {
            return new Config(name, title, gateways, sockets, roomSize, users, rate, warmup, duration, drainTimeout, contentLength,
                    maxInflightPerSocket, connectParallelism, jdbcUrl, jdbcUser, jdbcPassword, outDir, usersFile, pids, eventLoops,
                    maxPersistenceLag, other);
        }
    }

    static final int PENDING = 0;
    static final int ACCEPTED = 1;
    static final int FAILED = 2;
    static final int NOT_SENT = 3;

    private final Config config;
    private final Protocol protocol;

    // ---- per message, indexed by its number g (the frame id; the low bits of its clientMsgId)
    private final int capacity;
    private final long[] sendNanos;
    private final int[] roomOf;
    private final int[] roomIndexOf;
    private final String[] messageIds;
    private final AtomicIntegerArray status;
    private final AtomicIntegerArray deliveredCount;

    // ---- rooms
    private final int roomCount;
    private final int[] members;
    private final List<String> roomIds = new ArrayList<>();
    private final int[] roomCounters;

    private final String clientMsgPrefix;

    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    /** Set when the run is cut short (the persistence lag passed its bound): the pacer stops, the window ends. */
    private volatile boolean stopSending;

    private final LongAdder sent = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder acks = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder acceptedInWindow = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> failureCodes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorFrames = new ConcurrentHashMap<>();
    private final LongAdder expectedDeliveries = new LongAdder();
    private final LongAdder firstDeliveries = new LongAdder();
    private final LongAdder deliveriesInWindow = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder idMismatches = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final AtomicLong lastAckNanos = new AtomicLong();

    private LatencyLog ackLog;
    private LatencyLog deliverLog;

    /** One socket's view; touched only on its event loop (and read after the run). */
    private static final class Receiver {
        final int room;
        final BitSet received = new BitSet();
        final CompletableFuture<Boolean> joined = new CompletableFuture<>();
        long lastSeq;

        Receiver(int room) {
            this.room = room;
        }
    }

    public PipelineScenario(Config config) {
        this.config = config;
        this.protocol = Protocol.of(config.protocol());
        double seconds = (config.warmup().toMillis() + config.duration().toMillis()) / 1000.0;
        this.capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.ceil(config.rate() * seconds) + 16);
        this.sendNanos = new long[capacity];
        this.roomOf = new int[capacity];
        this.roomIndexOf = new int[capacity];
        this.messageIds = new String[capacity];
        this.status = new AtomicIntegerArray(capacity);
        this.deliveredCount = new AtomicIntegerArray(capacity);
        this.roomCount = (config.sockets() + config.roomSize() - 1) / config.roomSize();
        this.members = new int[roomCount];
        for (int i = 0; i < config.sockets(); i++) {
            members[i / config.roomSize()]++;
        }
        this.roomCounters = new int[roomCount];
        String uuid = UUID.randomUUID().toString(); // 8-4-4-4-12: keep 8-4-4-4- and put the message number in the last 12
        this.clientMsgPrefix = uuid.substring(0, 24);
    }

    public Result run() throws Exception {
        Path out = config.outDir();
        Files.createDirectories(out);
        Rest rest = new Rest(config.gateways().getFirst());
        Log.info("[%s] setting up: %d users, %d rooms of %d, %d sockets over %d gateway(s), %s", config.name(), config.users(), roomCount,
                config.roomSize(), config.sockets(), config.gateways().size(), protocol.label());
        List<UserPool.User> users = UserPool.ensure(rest, config.users(), config.usersFile(), 4);
        createRooms(rest, users);

        LoopResources loops = LoopResources.create("loadgen", config.eventLoops(), true);
        HttpClient client = ChatSocket.client(loops);
        List<ChatSocket> sockets = new ArrayList<>();
        Result result = new Result(config.name(), config.title());
        try (LatencyLog connectLog = new LatencyLog(null, "connect");
             LatencyLog ackLatency = new LatencyLog(out.resolve(config.name() + "-ack.hlog"), config.name() + " send->ACK");
             LatencyLog deliverLatency = new LatencyLog(out.resolve(config.name() + "-deliver.hlog"), config.name() + " send->deliver");
             Db db = config.jdbcUrl() == null ? null : new Db(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())) {
            this.ackLog = ackLatency;
            this.deliverLog = deliverLatency;

            double connectSeconds = connect(client, users, sockets, connectLog);
            join(sockets);
            long persistedBefore = db == null ? 0 : db.persistedBySeq(roomIds);

            LoadFigures load = load(sockets, db, persistedBefore);
            DrainFigures drain = drain(sockets, db, persistedBefore, load.sendEnd());
            report(result, out, sockets, connectSeconds, connectLog, db != null, load, drain, verdict());
            Log.info("[%s] done: %s", config.name(), result.table);
            result.write(out);
            return result;
        } finally {
            for (ChatSocket socket : sockets) {
                socket.close();
            }
            try {
                loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
            } catch (RuntimeException slow) {
                // closing thousands of sockets can take longer; the JVM ends anyway
            }
        }
    }

    /** What the load phase measured, for the report. */
    private record LoadFigures(ProcStats.Snapshot cpuFrom, ProcStats.Snapshot cpuTo, long persistedAtWindowStart,
                               long persistedAtWindowEnd, long maxLag, double lagSum, int lagSamples, double stoppedAfter,
                               long sendEnd) {
    }

    /**
     * Sends at the configured rate (warm-up, then the measured window) while sampling CPU, the
     * persistence lag and a progress line a second; stops early when the lag grows past its bound.
     */
    private LoadFigures load(List<ChatSocket> sockets, Db db, long persistedBefore) throws InterruptedException {
        long start = System.nanoTime() + 200_000_000L;
        windowStart = start + config.warmup().toNanos();
        windowEnd = windowStart + config.duration().toNanos();
        long total = (long) Math.floor(config.rate() * (config.warmup().toNanos() + config.duration().toNanos()) / 1e9);
        Thread pacer = Thread.ofPlatform().name("loadgen-pacer").start(() -> pace(sockets, start, total));
        Log.info("[%s] %d sockets joined; sending %,.0f msg/s for %d s warm-up + %d s", config.name(), sockets.size(),
                config.rate(), config.warmup().toSeconds(), config.duration().toSeconds());

        ProcStats.Snapshot cpuFrom = null;
        ProcStats.Snapshot cpuTo = null;
        long persistedAtWindowStart = -1;
        long persistedAtWindowEnd = -1;
        long maxLag = 0;
        double stoppedAfter = -1;
        long lagAtWindowStart = -1;
        double lagSum = 0;
        int lagSamples = 0;
        long lastTick = System.nanoTime();
        long acceptedPrev = 0;
        long deliveredPrev = 0;
        while (pacer.isAlive() || System.nanoTime() < windowEnd) {
            LockSupport.parkNanos(50_000_000L);
            long now = System.nanoTime();
            if (cpuFrom == null && now >= windowStart) {
                cpuFrom = ProcStats.snapshot(config.pids());
                persistedAtWindowStart = db == null ? -1 : db.persistedBySeq(roomIds) - persistedBefore;
            }
            if (cpuTo == null && now >= windowEnd) {
                cpuTo = ProcStats.snapshot(config.pids());
                persistedAtWindowEnd = db == null ? -1 : db.persistedBySeq(roomIds) - persistedBefore;
            }
            if (now - lastTick >= 1_000_000_000L) {
                double dt = (now - lastTick) / 1e9;
                lastTick = now;
                Histogram ackInterval = ackLog.tick();
                Histogram deliverInterval = deliverLog.tick();
                long acc = accepted.sum();
                long del = firstDeliveries.sum();
                String persistedText = "";
                if (db != null) {
                    long persisted = db.persistedBySeq(roomIds) - persistedBefore;
                    long lag = Math.max(0, acc - persisted);
                    if (now >= windowStart && now <= windowEnd) {
                        maxLag = Math.max(maxLag, lag);
                        lagSum += lag;
                        lagSamples++;
                        if (lagAtWindowStart < 0) {
                            lagAtWindowStart = lag;
                        }
                        if (config.maxPersistenceLag() > 0 && lag - lagAtWindowStart > config.maxPersistenceLag() && !stopSending) {
                            // the pipeline cannot keep this rate: stop here, so the backlog stays drainable and loss checkable
                            stopSending = true;
                            windowEnd = now;
                            stoppedAfter = (now - windowStart) / 1e9;
                            Log.info("[%s] persistence lag grew by %d > %d in the measured window: stopping after %.0f s",
                                    config.name(), lag - lagAtWindowStart, config.maxPersistenceLag(), stoppedAfter);
                        }
                    }
                    persistedText = String.format(" persisted=%d lag=%d", persisted, lag);
                }
                Log.info("[%s] %s sent=%d acks/s=%.0f deliveries/s=%.0f ack p99=%.1fms deliver p99=%.1fms skipped=%d failed=%d%s",
                        config.name(), now < windowStart ? "warm-up" : "measure", sent.sum(), (acc - acceptedPrev) / dt,
                        (del - deliveredPrev) / dt, ackInterval.getValueAtPercentile(99) / 1000.0,
                        deliverInterval.getValueAtPercentile(99) / 1000.0, skipped.sum(), failed.sum(), persistedText);
                acceptedPrev = acc;
                deliveredPrev = del;
            }
        }
        pacer.join();
        if (cpuTo == null) {
            cpuTo = ProcStats.snapshot(config.pids());
        }
        if (db != null && persistedAtWindowEnd < 0) {
            persistedAtWindowEnd = db.persistedBySeq(roomIds) - persistedBefore;
        }
        long sendEnd = System.nanoTime();
        return new LoadFigures(cpuFrom, cpuTo, persistedAtWindowStart, persistedAtWindowEnd, maxLag, lagSum, lagSamples,
                stoppedAfter, sendEnd);
    }

    /** What the drain phase saw: when every delivery and every row had arrived (-1: not in time), closed sockets, rows. */
    private record DrainFigures(long deliveredAt, long persistedAt, Map<String, Integer> closedByServer, int closedCount, long rows) {
    }

    /** Waits (up to the drain timeout) for every ACK, every delivery and every row. */
    private DrainFigures drain(List<ChatSocket> sockets, Db db, long persistedBefore, long sendEnd) {
        long drainDeadline = sendEnd + config.drainTimeout().toNanos();
        long deliveredAt = -1;
        long persistedAt = -1;
        long persisted = 0;
        while (System.nanoTime() < drainDeadline) {
            boolean acked = acks.sum() >= sent.sum();
            if (deliveredAt < 0 && acked && firstDeliveries.sum() >= expectedDeliveries.sum()) {
                deliveredAt = System.nanoTime();
            }
            if (db != null && persistedAt < 0) {
                persisted = db.persistedBySeq(roomIds) - persistedBefore;
                if (acked && persisted >= accepted.sum()) {
                    persistedAt = System.nanoTime();
                }
            }
            if (deliveredAt >= 0 && (db == null || persistedAt >= 0)) {
                break;
            }
            LockSupport.parkNanos(20_000_000L);
        }
        Rest.sleep(500); // late duplicates, if any, show up
        Map<String, Integer> closedByServer = new TreeMap<>();
        for (ChatSocket socket : sockets) {
            if (!socket.isOpen()) {
                String why = socket.closeStatus() != null ? socket.closeStatus()
                        : socket.failure() != null ? socket.failure().toString() : "closed without a close frame";
                closedByServer.merge(why, 1, Integer::sum);
            }
        }
        int closedCount = closedByServer.values().stream().mapToInt(Integer::intValue).sum();
        ackLog.tick();
        deliverLog.tick();
        long rows = db == null ? -1 : db.countRows(roomIds);
        return new DrainFigures(deliveredAt, persistedAt, closedByServer, closedCount, rows);
    }

    /** Per message: deliveries missing from ACCEPTED ones, deliveries of messages never ACCEPTED, sends never answered. */
    private record Verdict(long lost, long lostMessages, long unexpected, long pending) {
    }

    private Verdict verdict() {
        long lost = 0;
        long lostMessages = 0;
        long unexpected = 0;
        long pending = 0;
        int highest = (int) Math.min(capacity, sent.sum() + skipped.sum() + 1);
        for (int g = 0; g < highest; g++) {
            int s = status.get(g);
            int got = deliveredCount.get(g);
            if (s == ACCEPTED) {
                int missing = members[roomOf[g]] - got;
                if (missing > 0) {
                    lost += missing;
                    lostMessages++;
                }
            } else if (s == PENDING && sendNanos[g] != 0) {
                pending++;
            } else if (got > 0) {
                unexpected += got;
            }
        }
        return new Verdict(lost, lostMessages, unexpected, pending);
    }

    /** The result's numbers, rows and notes, and its latency files. */
    private void report(Result result, Path out, List<ChatSocket> sockets, double connectSeconds, LatencyLog connectLog,
                        boolean withDb, LoadFigures load, DrainFigures drain, Verdict verdict) throws java.io.IOException {
        long lost = verdict.lost();
        long lostMessages = verdict.lostMessages();
        long unexpected = verdict.unexpected();
        long pending = verdict.pending();
        long deliveredAt = drain.deliveredAt();
        long persistedAt = drain.persistedAt();
        long rows = drain.rows();
        int closedCount = drain.closedCount();
        Map<String, Integer> closedByServer = drain.closedByServer();
        long sendEnd = load.sendEnd();
        long maxLag = load.maxLag();
        double lagSum = load.lagSum();
        int lagSamples = load.lagSamples();
        double stoppedAfter = load.stoppedAfter();
        long persistedAtWindowStart = load.persistedAtWindowStart();
        long persistedAtWindowEnd = load.persistedAtWindowEnd();
        ProcStats.Snapshot cpuFrom = load.cpuFrom();
        ProcStats.Snapshot cpuTo = load.cpuTo();
        // a missing delivery is a loss once the run drained (or everything is stored and still nothing came);
        // while the worker is still behind at the drain timeout it is only "not delivered yet"
        boolean drained = deliveredAt >= 0 && (!withDb || persistedAt >= 0);
        boolean verified = drained || (rows >= accepted.sum());
        long undelivered = lost;

        double window = (windowEnd - windowStart) / 1e9;
        ackLog.writePercentiles(out.resolve(config.name() + "-ack.hgrm"));
        deliverLog.writePercentiles(out.resolve(config.name() + "-deliver.hgrm"));
        result.files.add(config.name() + "-ack.hlog");
        result.files.add(config.name() + "-ack.hgrm");
        result.files.add(config.name() + "-deliver.hlog");
        result.files.add(config.name() + "-deliver.hgrm");

        result.window(windowStart, windowEnd);
        result.config.put("protocol", protocol.label());
        result.config.put("gateways", Integer.toString(config.gateways().size()));
        result.config.put("sockets", Integer.toString(config.sockets()));
        result.config.put("users", Integer.toString(config.users()));
        result.config.put("rooms", roomCount + " of " + config.roomSize() + " sockets");
        result.config.put("target rate", Result.f0(config.rate()) + " msg/s");
        result.config.put("warm-up + measured", config.warmup().toSeconds() + " s + " + config.duration().toSeconds() + " s");
        result.config.put("content", config.contentLength() + " characters");
        result.config.put("max unacknowledged sends per socket", Integer.toString(config.maxInflightPerSocket()));

        double acceptedRate = acceptedInWindow.sum() / window;
        double deliveryRate = deliveriesInWindow.sum() / window;
        double persistedRate = persistedAtWindowStart < 0 || persistedAtWindowEnd < 0 ? Double.NaN
                : (persistedAtWindowEnd - persistedAtWindowStart) / window;
        result.number("targetRate", config.rate())
                .number("sentRate", sentInWindow.sum() / window)
                .number("acceptedRate", acceptedRate)
                .number("deliveryRate", deliveryRate)
                .number("persistedRate", persistedRate)
                .number("ackP50", ackLog.millis(50)).number("ackP95", ackLog.millis(95)).number("ackP99", ackLog.millis(99))
                .number("ackMax", ackLog.maxMillis())
                .number("deliverP50", deliverLog.millis(50)).number("deliverP95", deliverLog.millis(95))
                .number("deliverP99", deliverLog.millis(99)).number("deliverMax", deliverLog.maxMillis())
                .number("sent", sent.sum()).number("accepted", accepted.sum()).number("failed", failed.sum())
                .number("skipped", skipped.sum()).number("pendingAcks", pending)
                .number("expectedDeliveries", expectedDeliveries.sum()).number("lost", verified ? lost : Double.NaN)
                .number("undelivered", undelivered).number("lostMessages", lostMessages).number("drained", drained ? 1 : 0)
                .number("duplicated", duplicates.sum()).number("outOfOrder", outOfOrder.sum())
                .number("idMismatches", idMismatches.sum()).number("unexpected", unexpected)
                .number("persistedRows", rows).number("maxPersistenceLag", !withDb ? Double.NaN : maxLag)
                .number("avgPersistenceLag", lagSamples == 0 ? Double.NaN : lagSum / lagSamples)
                .number("deliverDrainMs", deliveredAt < 0 ? Double.NaN : (deliveredAt - sendEnd) / 1e6)
                .number("persistDrainMs", persistedAt < 0 ? Double.NaN : (persistedAt - Math.max(sendEnd, lastAckNanos.get())) / 1e6)
                .number("connectRate", sockets.size() / connectSeconds)
                .number("connectP50", connectLog.millis(50)).number("connectP99", connectLog.millis(99))
                .number("ackSamples", ackLog.count()).number("deliverSamples", deliverLog.count());

        result.number("measuredSeconds", window).number("stoppedAfter", stoppedAfter);
        if (stoppedAfter >= 0) {
            result.row("stopped early", String.format("after %.0f of %d s: ACCEPTED − stored grew by more than %,d messages in the "
                    + "measured window (the bound that keeps the backlog drainable within the run)", stoppedAfter,
                    config.duration().toSeconds(), config.maxPersistenceLag()));
        }
        result.row("connect", String.format("%d sockets in %.1f s (%s/s; p50 %s, p99 %s)", sockets.size(), connectSeconds,
                Result.f0(sockets.size() / connectSeconds), Result.ms(connectLog.millis(50)), Result.ms(connectLog.millis(99))));
        result.row("sent (measured window)", Result.f0(sentInWindow.sum() / window) + " msg/s"
                + (skipped.sum() > 0 ? " (" + Result.f0(skipped.sum()) + " not sent: every socket had "
                + config.maxInflightPerSocket() + " sends without ACK)" : ""));
        result.row("ACCEPTED", Result.f0(acceptedRate) + " ACKs/s");
        result.row("FAILED acks", failed.sum() == 0 ? "0" : failed.sum() + " " + new TreeMap<>(failureCodes));
        result.row("send→ACK p50 / p95 / p99 / max", latencies(ackLog));
        result.row("send→deliver p50 / p95 / p99 / max", latencies(deliverLog));
        result.row("deliveries", Result.f0(deliveryRate) + " /s");
        result.row("persisted", Double.isNaN(persistedRate) ? "n/a" : Result.f0(persistedRate) + " rows/s");
        result.row("persistence lag (ACCEPTED − stored)", !withDb ? "n/a" : "max " + Result.f0(maxLag) + " msgs, mean "
                + Result.f0(lagSamples == 0 ? Double.NaN : lagSum / lagSamples) + " msgs; all stored "
                + (persistedAt < 0 ? "NOT within the drain timeout" : Result.f0((persistedAt - Math.max(sendEnd, lastAckNanos.get())) / 1e6)
                + " ms after the last ACK"));
        result.row("messages sent / ACCEPTED / rows stored", Result.f0(sent.sum()) + " / " + Result.f0(accepted.sum()) + " / "
                + (rows < 0 ? "n/a" : Result.f0(rows)));
        result.row("deliveries expected / lost / duplicated", Result.f0(expectedDeliveries.sum()) + " / "
                + (verified ? Long.toString(lost) : "not verified: " + Result.f0(undelivered) + " not delivered when the "
                + config.drainTimeout().toSeconds() + " s drain ended, with " + Result.f0(accepted.sum() - Math.max(0, rows))
                + " ACCEPTED messages not stored yet (the pipeline was still behind)")
                + " / " + duplicates.sum());
        result.row("out-of-seq-order / id mismatches / delivered without ACCEPTED / no answer", outOfOrder.sum() + " / "
                + idMismatches.sum() + " / " + unexpected + " / " + pending);
        result.number("socketsClosed", closedCount);
        if (closedCount > 0) {
            result.row("sockets closed by the server during the run", closedCount + " " + closedByServer);
            result.notes.add(closedCount + " sockets were closed by the gateway during the run " + closedByServer
                    + "; their missing ACKs and deliveries count above (a socket whose outbound queue overflows is closed with 1008)");
        }
        if (!errorFrames.isEmpty()) {
            result.row("error frames", new TreeMap<>(errorFrames).toString());
        }
        if (cpuFrom != null) {
            Map<String, Double> cpu = ProcStats.cpuPercent(cpuFrom, cpuTo);
            StringBuilder text = new StringBuilder();
            cpu.forEach((k, v) -> {
                if (v >= 0.5 || k.startsWith("machine")) {
                    text.append(text.isEmpty() ? "" : ", ").append(k).append(' ').append(Result.f0(v)).append('%');
                    result.number("cpu." + k, v);
                }
            });
            result.row("CPU (% of one core; measured window)", text.toString());
        }
        if (rows >= 0 && rows != accepted.sum()) {
            result.notes.add(rows + " rows stored for " + accepted.sum() + " ACCEPTED messages"
                    + (rows > accepted.sum() ? " (messages answered FAILED were stored after all)" : " (ACCEPTED messages missing!)"));
        }
    }

    private static String latencies(LatencyLog log) {
        return Result.ms(log.millis(50)) + " / " + Result.ms(log.millis(95)) + " / " + Result.ms(log.millis(99)) + " / "
                + Result.ms(log.maxMillis()) + " (" + Result.f0(log.count()) + " samples)";
    }

    // ---------------------------------------------------------------- set-up

    private int userOf(int socket) {
        return socket % config.users();
    }

    private void createRooms(Rest rest, List<UserPool.User> users) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int r = 0; r < roomCount; r++) {
                UserPool.User owner = users.get(userOf(r * config.roomSize()));
                String name = config.name() + " " + r;
                created.add(pool.submit(() -> rest.createRoom(owner.token(), name)));
            }
            for (Future<String> room : created) {
                roomIds.add(room.get(60, TimeUnit.SECONDS));
            }
            List<Future<?>> joins = new ArrayList<>();
            for (int r = 0; r < roomCount; r++) {
                String roomId = roomIds.get(r);
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                seen.add(userOf(r * config.roomSize()));
                for (int i = r * config.roomSize(); i < Math.min(config.sockets(), (r + 1) * config.roomSize()); i++) {
                    if (seen.add(userOf(i))) {
                        String token = users.get(userOf(i)).token();
                        joins.add(pool.submit(() -> rest.join(token, roomId)));
                    }
                }
            }
            for (Future<?> join : joins) {
                join.get(60, TimeUnit.SECONDS);
            }
            Log.info("[%s] %d rooms created, %d joins over REST in %.1f s", config.name(), roomCount, joins.size(),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private double connect(HttpClient client, List<UserPool.User> users, List<ChatSocket> sockets, LatencyLog connectLog) {
        long started = System.nanoTime();
        List<ChatSocket> opened = Flux.range(0, config.sockets())
                .flatMap(i -> {
                    String gateway = config.gateways().get(i % config.gateways().size());
                    long t0 = System.nanoTime();
                    return ChatSocket.connect(client, protocol, gateway, users.get(userOf(i)).token(), i, this::onText, Duration.ofSeconds(30))
                            .doOnNext(s -> {
                                s.state = new Receiver(i / config.roomSize());
                                connectLog.record((System.nanoTime() - t0) / 1000);
                            });
                }, config.connectParallelism())
                .collectList()
                .block(Duration.ofSeconds(120 + config.sockets() / 10));
        double seconds = (System.nanoTime() - started) / 1e9;
        opened.sort((a, b) -> Integer.compare(a.index, b.index));
        sockets.addAll(opened);
        connectLog.tick();
        return seconds;
    }

    private void join(List<ChatSocket> sockets) throws Exception {
        for (ChatSocket socket : sockets) {
            Receiver rx = (Receiver) socket.state;
            socket.send(protocol.joinRoom(roomIds.get(rx.room)));
        }
        for (ChatSocket socket : sockets) {
            Boolean ok = ((Receiver) socket.state).joined.get(60, TimeUnit.SECONDS);
            if (!ok) {
                throw new IllegalStateException("socket " + socket.index + " could not join its room; error frames: " + errorFrames);
            }
        }
    }

    // ---------------------------------------------------------------- sending

    private void pace(List<ChatSocket> sockets, long start, long total) {
        double interval = 1e9 / config.rate();
        int n = sockets.size();
        int next = 0;
        int g = 0;
        String padding = "x".repeat(config.contentLength());
        for (long slot = 0; slot < total && !stopSending; ) {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) / interval) + 1);
            if (now < start) {
                due = 0;
            }
            for (; slot < due && !stopSending; slot++) {
                long intended = start + (long) (slot * interval);
                ChatSocket socket = null;
                for (int tries = 0; tries < n; tries++) {
                    ChatSocket candidate = sockets.get(next);
                    next = next + 1 == n ? 0 : next + 1;
                    if (candidate.inflight.get() < config.maxInflightPerSocket() && candidate.isOpen()) {
                        socket = candidate;
                        break;
                    }
                }
                if (socket == null || g >= capacity) {
                    skipped.increment();
                    continue;
                }
                int room = ((Receiver) socket.state).room;
                roomOf[g] = room;
                roomIndexOf[g] = roomCounters[room]++;
                sendNanos[g] = intended;
                String number = Integer.toString(g);
                String content = "lg " + number + " " + padding.substring(0, config.contentLength() - 4 - number.length());
                String frame = protocol.sendMessage(number, roomIds.get(room), clientMsgPrefix + hex12(g), content);
                socket.inflight.incrementAndGet();
                if (socket.send(frame)) {
                    sent.increment();
                    if (intended >= windowStart && intended < windowEnd) {
                        sentInWindow.increment();
                    }
                } else {
                    socket.inflight.decrementAndGet();
                    status.set(g, NOT_SENT);
                    skipped.increment();
                }
                g++;
            }
            LockSupport.parkNanos(500_000L);
        }
    }

    private static String hex12(long value) {
        String hex = Long.toHexString(value);
        return "000000000000".substring(hex.length()) + hex;
    }

    // ---------------------------------------------------------------- receiving (event loops)

    private void onText(ChatSocket socket, String text, long now) {
        switch (protocol.kind(text)) {
            case NEW_MESSAGE -> onNewMessage((Receiver) socket.state, text, now);
            case ACK -> onAck(socket, text, now);
            case REPLY -> {
                Receiver rx = (Receiver) socket.state;
                boolean ok = protocol.replyOk(text);
                if (!ok) {
                    errorFrames.computeIfAbsent("join " + Frames.string(text, "code"), k -> new LongAdder()).increment();
                }
                if (rx != null) {
                    rx.joined.complete(ok);
                }
            }
            case ERROR -> errorFrames.computeIfAbsent(String.valueOf(Frames.string(text, "code")), k -> new LongAdder()).increment();
            case OTHER -> {
                // presence and typing frames are not counted
            }
        }
    }

    private void onAck(ChatSocket socket, String text, long now) {
        long g = protocol.answerId(text);
        if (g < 0 || g >= capacity) {
            return;
        }
        int i = (int) g;
        socket.inflight.decrementAndGet();
        acks.increment();
        if (protocol.accepted(text)) {
            messageIds[i] = Frames.string(text, "messageId");
            status.set(i, ACCEPTED);
            accepted.increment();
            expectedDeliveries.add(members[roomOf[i]]);
            lastAckNanos.accumulateAndGet(now, Math::max);
            if (now >= windowStart && now < windowEnd) {
                acceptedInWindow.increment();
            }
            long sentAt = sendNanos[i];
            if (sentAt >= windowStart && sentAt < windowEnd) {
                ackLog.record((now - sentAt) / 1000);
            }
        } else {
            status.set(i, FAILED);
            failed.increment();
            failureCodes.computeIfAbsent(String.valueOf(Frames.string(text, "code")), k -> new LongAdder()).increment();
        }
    }

    private void onNewMessage(Receiver rx, String text, long now) {
        String clientMsgId = Frames.string(text, "clientMsgId");
        if (clientMsgId == null || !clientMsgId.startsWith(clientMsgPrefix) || clientMsgId.length() != 36) {
            foreign.increment();
            return;
        }
        long g = Long.parseLong(clientMsgId, 24, 36, 16);
        if (g >= capacity || roomOf[(int) g] != rx.room) {
            foreign.increment();
            return;
        }
        int i = (int) g;
        int index = roomIndexOf[i];
        if (rx.received.get(index)) {
            duplicates.increment();
            return;
        }
        rx.received.set(index);
        deliveredCount.incrementAndGet(i);
        firstDeliveries.increment();
        long seq = Frames.number(text, "seq", -1);
        if (seq != rx.lastSeq + 1) {
            outOfOrder.increment();
        }
        rx.lastSeq = Math.max(rx.lastSeq, seq);
        if (status.get(i) == ACCEPTED) {
            String id = Frames.string(text, "id");
            if (!messageIds[i].equals(id)) {
                idMismatches.increment();
            }
        }
        if (now >= windowStart && now < windowEnd) {
            deliveriesInWindow.increment();
        }
        long sentAt = sendNanos[i];
        if (sentAt >= windowStart && sentAt < windowEnd) {
            deliverLog.record((now - sentAt) / 1000);
        }
    }
}
