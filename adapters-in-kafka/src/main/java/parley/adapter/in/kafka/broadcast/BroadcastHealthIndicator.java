package parley.adapter.in.kafka.broadcast;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateway's {@code broadcast} health component: OUT_OF_SERVICE (503) until the consumer of
 * persisted messages has its partitions and positions, so that a load balancer sends no sockets
 * to a gateway that would not yet push them what is persisted.
 */
@Component("broadcastHealthIndicator")
class BroadcastHealthIndicator implements HealthIndicator {

    private final BroadcastPositions positions;

    BroadcastHealthIndicator(BroadcastPositions positions) {
        this.positions = positions;
    }

    @Override
    public Health health() {
        return positions.positioned()
                ? Health.up().withDetail("partitions", positions.partitions()).build()
                : Health.outOfService().withDetail("waiting", "for the consumer's partitions").build();
    }
}
