package parley.boot.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The worker: persists accepted messages from Kafka and announces them (health and metrics on
 * port 3001). It composes only the adapters the message path needs on this side.
 */
@SpringBootApplication(scanBasePackages = {
        "parley.boot.worker",
        "parley.adapter.in.kafka.persist",
        "parley.adapter.in.kafka.dlq",
        "parley.adapter.out.kafka",
        "parley.adapter.out.postgres"})
@ConfigurationPropertiesScan({"parley.boot.worker", "parley.adapter.out"})
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }
}
