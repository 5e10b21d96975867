package parley.boot.worker;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The worker: persists accepted messages from Kafka and announces them (health and metrics on
 * port 3001). It composes only the adapters the message path needs on this side.
 */
@SpringBootApplication(scanBasePackages = {
        "parley.boot.worker",
        "parley.adapter.in.kafka.persist",
        "parley.adapter.in.kafka.container",
        "parley.adapter.in.kafka.dlq",
        "parley.adapter.out.kafka",
        "parley.adapter.out.postgres"})
@ConfigurationPropertiesScan({"parley.boot.worker", "parley.adapter.in.kafka.persist", "parley.adapter.out"})
public class WorkerApplication {

    /** Its configuration is {@code worker.yml}. */
    public static final String CONFIG_NAME = "worker";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The worker as an application. Its configuration file has its own name: with the gateway's jar
     * on the same class path (system tests run both in one JVM), a shared {@code application.yml}
     * would be the gateway's.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(WorkerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
