package parley.adapter.out.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chat topics are created when missing.
 *
 * @param partitions        partitions of every chat topic (a room's messages stay in one)
 * @param replicationFactor replicas of every chat topic (1 for a single local broker; 3 in production)
 */
@ConfigurationProperties("parley.kafka")
public record KafkaTopicSettings(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {

    public KafkaTopicSettings {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("parley.kafka.partitions and parley.kafka.replication-factor must be at least 1");
        }
    }
}
