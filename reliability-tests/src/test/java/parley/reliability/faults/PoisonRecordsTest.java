package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import parley.contract.kafka.Topics;

/**
 * Fault 6: poison records produced straight to {@code chat.messages.v1}, keyed by a real room so
 * they sit in its partition right before a valid message: not JSON, a wrong schemaVersion, missing
 * fields, oversize content, an unknown room, an unknown sender, a time PostgreSQL cannot store. Each must land on
 * {@code chat.messages.v1.dlq} with its reason in the {@code parley-dlq-reason} header, the worker
 * must keep going (the valid message after them is stored and delivered, same worker process),
 * and {@code parley_dlq_records_total} must count them.
 */
class PoisonRecordsTest {

    private static final String DLQ = Topics.deadLetter(Topics.MESSAGES);
    private static final String REASON = "parley-dlq-reason";
    private static final String ORIGIN = "parley-dlq-origin";
    private static final Pattern DLQ_METRIC = Pattern.compile(
            "^parley_dlq_records_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void poisonRecordsAreDeadLetteredAndTheWorkerKeepsGoing() throws Exception {
        FaultStack stack = FaultStack.get();
        Api api = new Api(stack.gateway().http());
        Db db = new Db(stack.postgres());
        AppProcess worker = stack.worker();
        Figures figures = new Figures("6 poison records");

        try (Rooms rooms = Rooms.create(api, stack.gateway().ws(), "poison", 1, 1, 1);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            Rooms.Room room = rooms.all().get(0);
            Rooms.Member sender = room.senders().get(0);
            Map<String, Double> metricBefore = dlqMetric(worker);

            Map<String, String> poison = new LinkedHashMap<>();
            poison.put("not JSON", "this is { not JSON");
            poison.put("wrong schemaVersion", record(2, ulid(), room.id(), sender.user().id(), "TEXT", "\"hello\""));
            poison.put("missing fields", "{\"schemaVersion\":1,\"messageId\":\"" + ulid() + "\",\"roomId\":\"" + room.id() + "\"}");
            poison.put("oversize content (5001 chars)", record(1, ulid(), room.id(), sender.user().id(), "TEXT", "\"" + "x".repeat(5001) + "\""));
            poison.put("unknown room", record(1, ulid(), ulid(), sender.user().id(), "TEXT", "\"to nowhere\""));
            poison.put("unknown sender", record(1, ulid(), room.id(), ulid(), "TEXT", "\"from nobody\""));
            // a valid Instant that PostgreSQL's timestamptz cannot hold (it ends in 294276)
            poison.put("producedAt in year 300000", record(1, ulid(), room.id(), sender.user().id(), "TEXT", "\"from the future\"",
                    "+300000-01-01T00:00:00Z"));

            Map<String, String> originToKind = new HashMap<>();
            for (var p : poison.entrySet()) {
                RecordMetadata md = producer.send(new ProducerRecord<>(Topics.MESSAGES, room.id(),
                        p.getValue().getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                originToKind.put(Topics.MESSAGES + "-" + md.partition() + "@" + md.offset(), p.getKey());
            }
            long producedAt = System.nanoTime();

            // a valid message through the gateway, after the poison in the same partition
            Ledger ledger = new Ledger();
            ledger.attach(sender.socket());
            Ledger.Entry valid = ledger.send(sender.socket(), room.id(), "valid after poison");
            Ledger.await(valid, Duration.ofSeconds(15));
            Map<String, List<WsClient>> subscribers = rooms.subscribers();
            boolean delivered = Sleep.until(() -> Delivery.complete(subscribers, ledger) && valid.accepted(), Duration.ofSeconds(30));
            double validLatency = Sleep.secondsSince(producedAt);
            Db.RoomStats stats = db.stats(room.id());

            // the dead letters, found by their origin header
            Map<String, ConsumerRecord<String, byte[]>> letters = new HashMap<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
                List<TopicPartition> partitions = consumer.partitionsFor(DLQ, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(DLQ, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (letters.size() < poison.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        String origin = header(r, ORIGIN);
                        if (originToKind.containsKey(origin)) {
                            letters.put(originToKind.get(origin), r);
                        }
                    }
                }
            }
            double dlqLatency = Sleep.secondsSince(producedAt);

            Map<String, Double> metricAfter = new HashMap<>();
            Sleep.until(() -> {
                metricAfter.clear();
                metricAfter.putAll(dlqMetric(worker));
                return delta(metricBefore, metricAfter, "unreadable") + delta(metricBefore, metricAfter, "rejected") >= poison.size();
            }, Duration.ofSeconds(15));
            Api.Response workerHealth = new Api(worker.http()).get("/actuator/health", null, Duration.ofSeconds(10));

            figures.put("poison records produced", poison.size());
            for (String kind : poison.keySet()) {
                ConsumerRecord<String, byte[]> letter = letters.get(kind);
                figures.put("  " + kind, letter == null ? "NOT dead-lettered"
                        : "dlq " + letter.partition() + "@" + letter.offset() + ", reason: " + abbreviate(header(letter, REASON)));
            }
            figures.put("dead letters found", letters.size() + "/" + poison.size())
                    .seconds("produce -> all dead letters read", dlqLatency)
                    .put("parley_dlq_records_total before", metricBefore)
                    .put("parley_dlq_records_total after", metricAfter)
                    .put("counted unreadable / rejected", delta(metricBefore, metricAfter, "unreadable") + " / " + delta(metricBefore, metricAfter, "rejected"))
                    .put("valid message after them", valid.answer == null ? "no answer" : valid.answer.status())
                    .put("valid message stored (room rows, seq 1..n)", stats.rows() + ", gapless " + stats.gapless())
                    .put("valid message delivered to all sockets", delivered)
                    .seconds("produce -> valid message delivered", validLatency)
                    .put("worker pid before/after, alive", worker.pid() + "/" + stack.worker().pid() + ", " + worker.alive())
                    .put("worker /actuator/health", workerHealth.status());
            figures.print();

            assertThat(letters.keySet()).as("dead-lettered kinds").containsExactlyInAnyOrderElementsOf(poison.keySet());
            letters.forEach((kind, letter) -> assertThat(header(letter, REASON)).as("reason of %s", kind).isNotBlank());
            assertThat(header(letters.get("not JSON"), REASON)).contains("JSON");
            assertThat(header(letters.get("wrong schemaVersion"), REASON)).contains("schemaVersion");
            assertThat(header(letters.get("unknown room"), REASON)).contains("unknown room");
            assertThat(header(letters.get("unknown sender"), REASON)).contains("unknown sender");
            assertThat(delta(metricBefore, metricAfter, "unreadable")).as("counted unreadable").isEqualTo(5);
            assertThat(delta(metricBefore, metricAfter, "rejected")).as("counted rejected").isEqualTo(2);
            assertThat(valid.accepted()).isTrue();
            assertThat(stats.rows()).isEqualTo(1);
            assertThat(stats.gapless()).isTrue();
            assertThat(db.ids(List.of(room.id()))).containsExactly(valid.answer.messageId());
            assertThat(delivered).as("the valid message reached every socket of the room").isTrue();
            assertThat(worker.alive()).isTrue();
            assertThat(stack.worker().pid()).as("the same worker process").isEqualTo(worker.pid());
            assertThat(workerHealth.status()).isEqualTo(200);
        }
    }

    private static String record(int schemaVersion, String messageId, String roomId, String senderId, String type, String contentJson) {
        return record(schemaVersion, messageId, roomId, senderId, type, contentJson, Instant.now().toString());
    }

    private static String record(int schemaVersion, String messageId, String roomId, String senderId, String type, String contentJson,
                                 String producedAt) {
        return "{\"schemaVersion\":" + schemaVersion + ",\"messageId\":\"" + messageId + "\",\"roomId\":\"" + roomId
                + "\",\"senderId\":\"" + senderId + "\",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"messageType\":\"" + type
                + "\",\"content\":" + contentJson + ",\"producedAt\":\"" + producedAt + "\"}";
    }

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A ULID: 48-bit milliseconds and 80 random bits in Crockford base32. */
    static String ulid() {
        char[] out = new char[26];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = CROCKFORD[RANDOM.nextInt(32)];
        }
        return new String(out);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        if (record == null) {
            return null;
        }
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null ? "(none)" : text.length() <= 110 ? text : text.substring(0, 107) + "...";
    }

    /** parley_dlq_records_total of chat.messages.v1 by kind, scraped from the worker. */
    private static Map<String, Double> dlqMetric(AppProcess worker) {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(worker.http() + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, Double> byKind = new HashMap<>();
        Matcher m = DLQ_METRIC.matcher(response.body());
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("topic=\"" + Topics.MESSAGES + "\"")) {
                Matcher kind = Pattern.compile("kind=\"([^\"]*)\"").matcher(labels);
                if (kind.find()) {
                    byKind.merge(kind.group(1), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
        }
        return byKind;
    }

    private static long delta(Map<String, Double> before, Map<String, Double> after, String kind) {
        return Math.round(after.getOrDefault(kind, 0.0) - before.getOrDefault(kind, 0.0));
    }
}
