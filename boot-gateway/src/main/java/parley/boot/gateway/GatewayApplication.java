package parley.boot.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway: REST and WebSocket for clients (port 3000), publishing accepted messages to Kafka
 * and pushing persisted ones to its sockets. It composes the adapters a gateway needs; the
 * worker's persistor is not among them.
 */
@SpringBootApplication(scanBasePackages = {
        "parley.boot.gateway",
        "parley.adapter.in.web",
        "parley.adapter.in.kafka.broadcast",
        "parley.adapter.in.kafka.container",
        "parley.adapter.in.kafka.dlq",
        "parley.adapter.out.kafka",
        "parley.adapter.out.postgres",
        "parley.adapter.out.redis"})
@ConfigurationPropertiesScan({"parley.boot.gateway", "parley.adapter"})
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
