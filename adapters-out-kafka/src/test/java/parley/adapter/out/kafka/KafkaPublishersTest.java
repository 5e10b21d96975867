package parley.adapter.out.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.message.MessagePersisted;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import parley.testkit.KafkaProbe;
import parley.testkit.RealInfrastructure;
import reactor.test.StepVerifier;

/** The publishers against a real broker: what they send, where, keyed how, and when they complete. */
class KafkaPublishersTest {

    private static final String ROOM = "01JD00000000000000000000R1";
    private static final String USER = "01JD00000000000000000000S1";

    private static final KafkaSends SENDS = new KafkaSends();

    private final KafkaProbe kafka = new KafkaProbe();
    private final MessageRecordCodec codec = new MessageRecordCodec();

    /** As both applications do at start-up, before anything is published. */
    @BeforeAll
    static void createTheChatTopics() {
        String bootstrap = RealInfrastructure.shared().kafka().bootstrapServers();
        new ChatTopics(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)), new KafkaTopicSettings(3, (short) 1, 1, Duration.ofDays(7)))
                .afterSingletonsInstantiated();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private KafkaMessageEventPublisher publisher() {
        return new KafkaMessageEventPublisher(kafka.template(), SENDS);
    }

    private static MessageAccepted accepted(String text) {
        return new MessageAccepted(MessageId.of(com.github.f4b6a3.ulid.UlidCreator.getMonotonicUlid().toString()),
                RoomId.of(ROOM), UserId.of(USER), new ClientMsgId(UUID.randomUUID()), MessageContent.text(text), Instant.now());
    }

    @Test
    void anAcceptedMessageIsOnTheMessagesTopicKeyedByItsRoomOnceThePublishCompletes() {
        MessageAccepted event = accepted("hello " + UUID.randomUUID());

        StepVerifier.create(publisher().publishAccepted(event)).verifyComplete();

        var mine = kafka.readAll(Topics.MESSAGES).stream()
                .filter(r -> codec.decodeAccepted(r.value()).messageId().equals(event.messageId())).toList();
        assertThat(mine).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(ROOM);
            assertThat(codec.decodeAccepted(record.value())).isEqualTo(event);
        });
    }

    @Test
    void aBatchOfPersistedMessagesIsPublishedInOrderAndCompletesWhenAllAreAcknowledged() {
        List<MessagePersisted> events = List.of(
                new MessagePersisted(accepted("a").toMessage(1)),
                new MessagePersisted(accepted("b").toMessage(2)),
                new MessagePersisted(accepted("c").toMessage(3)));

        StepVerifier.create(new KafkaPersistedMessagePublisher(kafka.template(), SENDS).publishPersisted(events)).verifyComplete();

        var ids = events.stream().map(e -> e.message().id()).toList();
        var mine = kafka.readAll(Topics.PERSISTED).stream()
                .map(r -> codec.decodePersisted(r.value()))
                .filter(e -> ids.contains(e.message().id())).toList();
        assertThat(mine).containsExactlyElementsOf(events);
    }

    /**
     * H2 of the red-team review: blocking work queued on Reactor's shared bounded elastic scheduler
     * (password hashing used to run there) must not hold up the acknowledgement of a message.
     */
    @Test
    void aPublishIsNotHeldUpByBlockingWorkThatFillsTheSharedBoundedElasticScheduler() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        int threads = reactor.core.scheduler.Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE;
        List<reactor.core.Disposable> blockers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < threads + 10; i++) {
                blockers.add(reactor.core.publisher.Mono.fromCallable(() -> release.await(60, java.util.concurrent.TimeUnit.SECONDS))
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()).subscribe());
            }

            StepVerifier.create(publisher().publishAccepted(accepted("not behind the queue")))
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        } finally {
            release.countDown();
            blockers.forEach(reactor.core.Disposable::dispose);
        }
    }

    /** M1: no broker, so no metadata: send() gives up before anything goes on the wire. That is certain: FAILED. */
    @Test
    void withoutABrokerThePublishFailsAsCertainlyNotHeld() {
        var unreachable = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        try {
            StepVerifier.create(new KafkaMessageEventPublisher(new KafkaTemplate<>(unreachable), SENDS).publishAccepted(accepted("lost")))
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(UseCaseException.class,
                            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.BROKER_UNAVAILABLE)))
                    .verify(Duration.ofSeconds(10));
        } finally {
            unreachable.destroy();
        }
    }

    @Test
    void aRecordTheProducerRefusesAsTooLargeIsCertainlyNotHeld() {
        String bootstrap = RealInfrastructure.shared().kafka().bootstrapServers();
        var small = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        try {
            StepVerifier.create(new KafkaMessageEventPublisher(new KafkaTemplate<>(small), SENDS).publishAccepted(accepted("x".repeat(4000))))
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(UseCaseException.class,
                            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.BROKER_UNAVAILABLE)))
                    .verify(Duration.ofSeconds(10));
        } finally {
            small.destroy();
        }
    }
}
