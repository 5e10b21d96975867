package parley.adapter.out.kafka;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chat topics are created when missing, and what an existing one must match. (One
 * constructor only: with two, Boot would not know which one to bind.)
 *
 * @param partitions        partitions of every chat topic (a room's messages stay in one); an existing
 *                          topic with another count stops the start-up: it is never repartitioned
 * @param replicationFactor replicas of every chat topic (1 for a single local broker; 3 in production)
 * @param minInsyncReplicas {@code min.insync.replicas} of every chat topic: with {@code acks=all}, how many
 *                          replicas hold a record before it is acknowledged (1 locally; 2 in production)
 * @param messagesRetention {@code retention.ms} of {@code chat.messages.v1}, the only copy of messages that
 *                          are accepted but not yet stored: it must outlast any worker outage
 */
@ConfigurationProperties("parley.kafka")
public record KafkaTopicSettings(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
                                 @DefaultValue("1") int minInsyncReplicas, @DefaultValue("7d") Duration messagesRetention) {

    public KafkaTopicSettings {
        Objects.requireNonNull(messagesRetention, "messagesRetention");
        if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
            throw new IllegalArgumentException("parley.kafka.partitions, replication-factor and min-insync-replicas must be at least 1");
        }
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("parley.kafka.min-insync-replicas (" + minInsyncReplicas
                    + ") exceeds parley.kafka.replication-factor (" + replicationFactor + "): no acks=all write could succeed");
        }
        if (messagesRetention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("parley.kafka.messages-retention (" + messagesRetention
                    + ") is under an hour: a worker outage that long would lose accepted messages");
        }
    }
}
