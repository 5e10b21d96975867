/**
 * Real PostgreSQL, Kafka and Redis for Parley's tests (and for a local dev stack).
 *
 * <ul>
 *   <li>{@link parley.testkit.RealInfrastructure#shared()}: one set of servers per JVM, Testcontainers when Docker is
 *       available, embedded servers otherwise ({@code PARLEY_TEST_INFRA=embedded|containers|auto}).</li>
 *   <li>{@link parley.testkit.WithRealInfrastructure}: the JUnit 5 entry point; injects
 *       {@link parley.testkit.RealInfrastructure}, {@link parley.testkit.PostgresEndpoint},
 *       {@link parley.testkit.KafkaEndpoint} and {@link parley.testkit.RedisEndpoint} parameters.</li>
 *   <li>{@link parley.testkit.EmbeddedPostgresServer}, {@link parley.testkit.EmbeddedKafkaServer},
 *       {@link parley.testkit.EmbeddedRedisServer}: the servers themselves, usable without JUnit, with persistent data
 *       directories and durable settings for a dev launcher.</li>
 * </ul>
 *
 * <p>All embedded servers listen on 127.0.0.1 only, on free ports. PostgreSQL and redis-server are child processes
 * under a watchdog that stops them when this JVM ends, even by {@code kill -9}; Kafka runs inside the JVM.
 */
package parley.testkit;
