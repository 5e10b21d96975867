package parley.adapter.out.kafka;

import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import parley.contract.kafka.Topics;

/**
 * Creates the chat topics and their dead-letter topics at start-up when they are missing, so
 * neither deployable depends on the other (or on broker auto-creation, which would use one
 * partition) to have them. Existing topics are left as they are.
 */
@Component
class ChatTopics implements SmartInitializingSingleton {

    private final KafkaAdmin admin;
    private final KafkaTopicSettings settings;

    ChatTopics(KafkaAdmin admin, KafkaTopicSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        admin.createOrModifyTopics(Stream.of(Topics.MESSAGES, Topics.PERSISTED)
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor()))
                .toArray(NewTopic[]::new));
    }
}
