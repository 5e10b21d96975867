package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.message.MessagePersisted;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import parley.testkit.RealInfrastructure;

/**
 * The same Kafka record delivered twice (as after a worker crash between storing and committing):
 * one row, and the persisted event is published again so that clients still get it.
 */
class RedeliveryTest {

    private final ParleyStack stack = ParleyStack.shared();
    private final Rest rest = new Rest(stack.gateway().http());
    private final MessageRecordCodec codec = new MessageRecordCodec();
    private final String bootstrap = RealInfrastructure.shared().kafka().bootstrapServers();

    @Test
    void aRecordDeliveredTwiceIsStoredOnceAndAnnouncedTwiceWithTheSameSeq() throws Exception {
        Actor alice = Actor.register(rest, "Alice");
        String room = alice.createRoom("redelivery");
        MessageAccepted accepted = new MessageAccepted(MessageId.of(com.github.f4b6a3.ulid.UlidCreator.getMonotonicUlid().toString()),
                RoomId.of(room), UserId.of(alice.id()), new ClientMsgId(UUID.randomUUID()), MessageContent.text("twice"), Instant.now());

        try (KafkaConsumer<String, byte[]> persisted = persistedConsumerAtEnd();
             KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Topics.MESSAGES, room, codec.encode(accepted))).get();
            }

            List<MessagePersisted> announced = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (announced.size() < 2 && System.nanoTime() < deadline) {
                for (var record : persisted.poll(Duration.ofMillis(200))) {
                    MessagePersisted event = codec.decodePersisted(record.value());
                    if (event.message().id().equals(accepted.messageId())) {
                        announced.add(event);
                    }
                }
            }
            assertThat(announced).hasSize(2);
            assertThat(announced.get(1)).isEqualTo(announced.get(0));
            assertThat(announced.get(0).message().seq()).isEqualTo(1);
        }
        assertThat(RestWalkthroughTest.awaitHistory(alice, room, 1)).hasSize(1);
    }

    private KafkaConsumer<String, byte[]> persistedConsumerAtEnd() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PERSISTED).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
