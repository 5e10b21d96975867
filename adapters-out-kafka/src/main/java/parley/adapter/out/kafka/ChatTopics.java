package parley.adapter.out.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import parley.contract.kafka.Topics;

/**
 * Creates the chat topics and their dead-letter topics at start-up when they are missing, so
 * neither deployable depends on the other (or on broker auto-creation, which would use one
 * partition) to have them.
 *
 * <p>An existing topic is never changed. Above all its partitions are not added to (which
 * {@link KafkaAdmin#createOrModifyTopics} would do): that moves rooms to other partitions while the
 * old ones may still hold a backlog, so a room's newer messages could be stored, and get their seqs,
 * before older ones. A topic whose partition count is not {@code parley.kafka.partitions} stops the
 * start-up with a message that says so; repartitioning is a migration (docs/reliability.md). Other
 * settings that differ from the configured ones are logged and left as they are.
 */
@Component
class ChatTopics implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ChatTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaAdmin admin;
    private final KafkaTopicSettings settings;
    private final String messagesTopic;
    private final String persistedTopic;

    @Autowired
    ChatTopics(KafkaAdmin admin, KafkaTopicSettings settings) {
        this(admin, settings, Topics.MESSAGES, Topics.PERSISTED);
    }

    /** For topics of other names (tests). */
    ChatTopics(KafkaAdmin admin, KafkaTopicSettings settings, String messagesTopic, String persistedTopic) {
        this.admin = admin;
        this.settings = settings;
        this.messagesTopic = messagesTopic;
        this.persistedTopic = persistedTopic;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, NewTopic> wanted = wanted();
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            List<String> existing = createMissing(client, wanted);
            refuseOtherPartitionCounts(describe(client, wanted.keySet()));
            warnAboutOtherSettings(client, existing, wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the chat topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create or check the chat topics: " + e, e);
        }
    }

    private Map<String, NewTopic> wanted() {
        Map<String, NewTopic> topics = new LinkedHashMap<>();
        for (String topic : List.of(messagesTopic, persistedTopic)) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                Map<String, String> configs = new LinkedHashMap<>();
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
                if (name.equals(messagesTopic)) {
                    configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.messagesRetention().toMillis()));
                }
                topics.put(name, new NewTopic(name, settings.partitions(), settings.replicationFactor()).configs(configs));
            }
        }
        return topics;
    }

    /**
     * The topics as the broker describes them. A topic created a moment ago may not be known to
     * the broker that answers yet (its metadata is still propagating): asked again until it is.
     */
    private static Map<String, TopicDescription> describe(Admin client, java.util.Set<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return client.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Creates what is missing; returns the names of the topics that were there already. */
    private static List<String> createMissing(Admin client, Map<String, NewTopic> wanted)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> existing = new ArrayList<>();
        for (var created : client.createTopics(wanted.values()).values().entrySet()) {
            try {
                created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("created topic {}", created.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existing.add(created.getKey());
            }
        }
        return existing;
    }

    private void refuseOtherPartitionCounts(Map<String, TopicDescription> topics) {
        List<String> mismatches = topics.values().stream()
                .filter(topic -> topic.partitions().size() != settings.partitions())
                .map(topic -> topic.name() + " has " + topic.partitions().size())
                .sorted()
                .toList();
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(String.join(", ", mismatches) + " partitions, but parley.kafka.partitions"
                    + " (PARLEY_KAFKA_PARTITIONS) is " + settings.partitions() + ". Parley never repartitions a live topic: that"
                    + " would move rooms to other partitions and break their order. Set PARLEY_KAFKA_PARTITIONS to the topics'"
                    + " count, or migrate the topics as docs/reliability.md describes.");
        }
    }

    private static void warnAboutOtherSettings(Admin client, List<String> existing, Map<String, NewTopic> wanted)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (existing.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = existing.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = client.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        configs.forEach((resource, config) -> wanted.get(resource.name()).configs().forEach((key, value) -> {
            ConfigEntry actual = config.get(key);
            if (actual == null || !value.equals(actual.value())) {
                log.warn("topic {} has {}={} where Parley is configured for {}; left as it is (kafka-configs.sh changes it)",
                        resource.name(), key, actual == null ? "(unset)" : actual.value(), value);
            }
        }));
    }
}
