package parley.adapter.out.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code kafka} health component: UP when the cluster answers a describe within two seconds. */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaAdmin admin;
    private volatile AdminClient client;

    KafkaHealthIndicator(KafkaAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Mono<Health> health() {
        return Mono.defer(() -> {
                    var cluster = client().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
                    return Mono.fromCompletionStage(cluster.nodes().toCompletionStage())
                            .zipWith(Mono.fromCompletionStage(cluster.clusterId().toCompletionStage()),
                                    (nodes, id) -> Health.up().withDetail("clusterId", id).withDetail("brokers", nodes.size()).build());
                })
                .timeout(TIMEOUT.plusMillis(500))
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }

    private AdminClient client() {
        AdminClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = AdminClient.create(admin.getConfigurationProperties());
                }
                current = client;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close(Duration.ofSeconds(1));
        }
    }
}
