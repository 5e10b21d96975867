package parley.loadgen;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import parley.contract.kafka.MessageRecordCodec;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * The Kafka producer's limit on this machine, alone: Kafka's own {@code ProducerPerformance}
 * (kafka-tools, run in a child JVM) with acks=all and the gateway's producer settings, records the
 * size of an encoded chat message; then a minimal producer loop sending real chat records (key =
 * room id, value = the contract's JSON), which is also the fallback when kafka-tools is missing.
 */
final class ProducerLimit {

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private ProducerLimit() {
    }

    static Result run(Options o) throws Exception {
        String bootstrap = o.required("bootstrap");
        long records = o.longValue("records", 300_000);
        int contentLength = o.integer("content-length", 100);
        String topic = o.string("topic", "bench.producer-limit");
        int partitions = o.integer("partitions", 3);
        String linger = o.string("linger-ms", "2");
        Path out = Path.of(o.string("out", "target/bench"));
        String toolsDir = o.string("kafka-tools-dir", null);
        java.util.List<String> pidSpecs = o.list("pids", "");
        o.checkAllRead();
        Files.createDirectories(out);
        ProcStats.Snapshot cpuFrom = ProcStats.snapshot(ProcStats.parseRoots(pidSpecs));

        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        MessageRecordCodec codec = new MessageRecordCodec();
        int recordSize = codec.encode(sample(contentLength, 0)).length;

        Result result = new Result("producer-limit", "Kafka producer alone (acks=all)");
        result.config.put("records", Result.f0(records) + " of " + recordSize + " bytes (an encoded chat message with "
                + contentLength + " characters of content), topic with " + partitions + " partitions");
        result.config.put("producer", "acks=all, enable.idempotence=true, linger.ms=" + linger + " (the gateway's), other settings default");

        Path tools = toolsDir != null ? Path.of(toolsDir) : locate("kafka-tools");
        Path lib = locate("lib");
        String[] perf = tools != null && lib != null ? producerPerformance(tools, lib, topic, records, recordSize, bootstrap, linger) : null;
        if (perf != null) {
            double rate = Double.parseDouble(perf[1]);
            result.number("perfRate", rate).number("perfMBps", Double.parseDouble(perf[2])).number("perfAvgMs", Double.parseDouble(perf[3]))
                    .number("perfP99Ms", Double.parseDouble(perf[7]));
            result.row("kafka-tools ProducerPerformance " + kafkaVersion(), Result.f0(rate) + " records/s (" + perf[2] + " MB/s); latency avg "
                    + perf[3] + " ms, p50 " + perf[5] + " ms, p95 " + perf[6] + " ms, p99 " + perf[7] + " ms, max " + perf[4] + " ms");
        } else {
            result.notes.add("kafka-tools' ProducerPerformance could not be run; the minimal producer loop below is the limit");
        }

        // the minimal loop, with real chat records
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rooms.add(Ulids.next());
        }
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                MessageAccepted event = sample(contentLength, i);
                String room = rooms.get((int) (i % rooms.size()));
                producer.send(new ProducerRecord<>(topic, room, codec.encode(event)), (m, e) -> {
                    if (e != null) {
                        errors.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double loopRate = records / seconds;
        result.number("loopRate", loopRate).number("recordSize", recordSize);
        result.number("limit", perf != null ? Double.parseDouble(perf[1]) : loopRate);
        result.row("minimal producer loop, real chat records (key = room id, JSON encoded per record)", Result.f0(loopRate)
                + " records/s" + (errors.get() > 0 ? " (" + errors.get() + " failed)" : ""));
        Cpu.row(result, cpuFrom, ProcStats.snapshot(ProcStats.parseRoots(pidSpecs)), "CPU (% of one core; whole measurement)");
        result.write(out);
        Log.info("[producer-limit] %s", result.table);
        return result;
    }

    private static MessageAccepted sample(int contentLength, long i) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String number = Long.toString(i);
        return new MessageAccepted(MessageId.of(Ulids.next()), RoomId.of(Ulids.next()), UserId.of(Ulids.next()),
                new ClientMsgId(new UUID(random.nextLong(), random.nextLong())),
                MessageContent.text("lg " + number + " " + "x".repeat(Math.max(1, contentLength - 4 - number.length()))), Instant.now());
    }

    /** target/&lt;name&gt; next to this module's jar or classes. */
    private static Path locate(String name) {
        try {
            Path code = Path.of(ProducerLimit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent().resolve(name);
            return Files.isDirectory(dir) ? dir : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String kafkaVersion() {
        String v = org.apache.kafka.common.utils.AppInfoParser.getVersion();
        return v == null ? "" : v;
    }

    /** The summary fields of ProducerPerformance's last line, or null when it could not be run. */
    private static String[] producerPerformance(Path tools, Path lib, String topic, long records, int recordSize, String bootstrap,
                                                String linger) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", tools + File.separator + "*" + File.pathSeparator + lib + File.separator + "*",
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true", "linger.ms=" + linger));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String last = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.contains("records sent")) {
                        last = line;
                    }
                }
            }
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            if (last == null || process.exitValue() != 0) {
                Log.info("[producer-limit] ProducerPerformance failed (exit %d)", process.exitValue());
                return null;
            }
            Matcher m = SUMMARY.matcher(last);
            if (!m.find()) {
                Log.info("[producer-limit] unexpected ProducerPerformance output: %s", last);
                return null;
            }
            String[] fields = new String[m.groupCount() + 1];
            for (int i = 0; i <= m.groupCount(); i++) {
                fields[i] = m.group(i);
            }
            // fields: 1 records, 2 rate, 3 MB/s, 4 avg, 5 max, 6 p50, 7 p95, 8 p99 -> shift to the documented order
            return new String[] {fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8]};
        } catch (Exception e) {
            Log.info("[producer-limit] ProducerPerformance could not be run: %s", e);
            return null;
        }
    }
}
