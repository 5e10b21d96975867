package parley.adapter.in.kafka.broadcast;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Where this gateway's consumer of persisted messages reads from. The partitions of its first
 * assignment are read from their end: sockets that connected before catch up from the database.
 * A partition first assigned later was added to the topic while this gateway ran, and everything
 * in it is newer than the gateway's start: it is read from its beginning, or the events produced
 * to it before the consumer noticed it (up to {@code metadata.max.age.ms}) would never be delivered
 * live.
 */
@Component
class BroadcastPositions {

    private final Set<TopicPartition> known = new HashSet<>();
    private boolean positioned;

    /**
     * Records an assignment (on the consumer's thread, after the consumer fixed its positions);
     * returns the partitions to read from their beginning.
     */
    synchronized List<TopicPartition> assigned(Collection<TopicPartition> partitions) {
        if (!positioned) {
            known.addAll(partitions);
            positioned = !partitions.isEmpty();
            return List.of();
        }
        List<TopicPartition> added = partitions.stream()
                .filter(partition -> !known.contains(partition))
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
        known.addAll(added);
        return added;
    }

    /** Whether the consumer has had its first partitions: from then on every persisted event reaches the sockets. */
    synchronized boolean positioned() {
        return positioned;
    }

    synchronized int partitions() {
        return known.size();
    }
}
