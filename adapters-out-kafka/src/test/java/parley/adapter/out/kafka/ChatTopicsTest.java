package parley.adapter.out.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;
import parley.contract.kafka.Topics;
import parley.testkit.RealInfrastructure;

/** M5: the chat topics are created when missing and never repartitioned, against the real broker. */
class ChatTopicsTest {

    private final String bootstrap = RealInfrastructure.shared().kafka().bootstrapServers();
    private final String messages = "test.messages." + UUID.randomUUID();
    private final String persisted = "test.persisted." + UUID.randomUUID();
    private final AdminClient client = AdminClient.create(Map.of("bootstrap.servers", bootstrap));

    @AfterEach
    void close() {
        client.close();
    }

    private ChatTopics chatTopics(KafkaTopicSettings settings) {
        return new ChatTopics(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)), settings, messages, persisted);
    }

    @Test
    void missingTopicsAreCreatedWithThePartitionsTheMinimumInSyncReplicasAndTheRetentionConfigured() throws Exception {
        chatTopics(new KafkaTopicSettings(4, (short) 1, 1, Duration.ofDays(3))).afterSingletonsInstantiated();

        assertThat(describe(messages, persisted, Topics.deadLetter(messages), Topics.deadLetter(persisted)).values())
                .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(4));
        var configs = client.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, messages))).all().get()
                .values().iterator().next();
        assertThat(configs.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(Long.toString(Duration.ofDays(3).toMillis()));
        assertThat(configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
    }

    @Test
    void aTopicWithFewerPartitionsStopsTheStartUpAndKeepsItsPartitions() throws Exception {
        client.createTopics(List.of(new NewTopic(messages, 2, (short) 1))).all().get();

        assertThatThrownBy(() -> chatTopics(new KafkaTopicSettings(3, (short) 1, 1, Duration.ofDays(7))).afterSingletonsInstantiated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(messages + " has 2 partitions")
                .hasMessageContaining("PARLEY_KAFKA_PARTITIONS")
                .hasMessageContaining("is 3");
        assertThat(describe(messages).get(messages).partitions()).hasSize(2);
    }

    @Test
    void aTopicWithMorePartitionsStopsTheStartUpToo() throws Exception {
        client.createTopics(List.of(new NewTopic(persisted, 6, (short) 1))).all().get();

        assertThatThrownBy(() -> chatTopics(new KafkaTopicSettings(3, (short) 1, 1, Duration.ofDays(7))).afterSingletonsInstantiated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(persisted + " has 6 partitions");
    }

    @Test
    void aSecondStartWithTheSameSettingsFindsTheTopicsAsTheFirstLeftThem() throws Exception {
        chatTopics(new KafkaTopicSettings(3, (short) 1, 1, Duration.ofDays(7))).afterSingletonsInstantiated();
        chatTopics(new KafkaTopicSettings(3, (short) 1, 1, Duration.ofDays(7))).afterSingletonsInstantiated();

        assertThat(describe(messages, persisted).values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new KafkaTopicSettings(3, (short) 1, 2, Duration.ofDays(7)))
                .hasMessageContaining("min-insync-replicas (2) exceeds parley.kafka.replication-factor (1)");
        assertThatThrownBy(() -> new KafkaTopicSettings(3, (short) 3, 2, Duration.ofMinutes(30)))
                .hasMessageContaining("messages-retention");
        assertThatThrownBy(() -> new KafkaTopicSettings(0, (short) 1, 1, Duration.ofDays(7))).hasMessageContaining("at least 1");
    }

    private Map<String, TopicDescription> describe(String... topics) throws Exception {
        return client.describeTopics(List.of(topics)).allTopicNames().get();
    }
}
