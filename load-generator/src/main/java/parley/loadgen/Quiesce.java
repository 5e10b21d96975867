package parley.loadgen;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the given consumer groups have consumed everything (committed offset = end offset on
 * every partition they own), bounded in time: a scenario should not start while the worker or a
 * gateway is still working off the previous one. A group ending in {@code *} stands for every group
 * of that prefix with members (a gateway's broadcast group has a random part: {@code parley-gateway-<name>-*}).
 */
final class Quiesce {

    private Quiesce() {
    }

    static void run(Options o) throws Exception {
        String bootstrap = o.required("bootstrap");
        List<String> groups = o.list("groups", "chat-persistor");
        Duration timeout = o.duration("timeout", Duration.ofSeconds(120));
        o.checkAllRead();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long lag = -1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                lag = lag(admin, groups);
                if (lag == 0) {
                    break;
                }
                Rest.sleep(500);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (lag == 0) {
            Log.info("[quiesce] %s caught up (%.1f s)", groups, seconds);
        } else {
            Log.info("[quiesce] %s still %,d records behind after %.0f s; going on", groups, lag, seconds);
        }
    }

    private static long lag(Admin admin, List<String> patterns) throws Exception {
        long total = 0;
        for (String group : groups(admin, patterns)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                long end = ends.get(e.getKey()).offset();
                long at = e.getValue() == null ? 0 : e.getValue().offset();
                total += Math.max(0, end - at);
            }
        }
        return total;
    }

    private static List<String> groups(Admin admin, List<String> patterns) throws Exception {
        if (patterns.stream().noneMatch(pattern -> pattern.endsWith("*"))) {
            return patterns;
        }
        // only groups with members: a stopped gateway's group keeps its offsets, and its lag, for days
        List<String> existing = admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                .filter(group -> group.groupState().filter(GroupState.STABLE::equals).isPresent())
                .map(GroupListing::groupId)
                .toList();
        return patterns.stream()
                .flatMap(pattern -> pattern.endsWith("*")
                        ? existing.stream().filter(id -> id.startsWith(pattern.substring(0, pattern.length() - 1)))
                        : Stream.of(pattern))
                .toList();
    }
}
