package parley.testkit;

/** Where a test's Kafka broker is. */
public record KafkaEndpoint(String bootstrapServers) {
}
