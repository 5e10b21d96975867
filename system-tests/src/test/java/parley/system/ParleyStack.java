package parley.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import parley.boot.gateway.GatewayApplication;
import parley.boot.worker.WorkerApplication;
import parley.testkit.RealInfrastructure;

/**
 * Real gateways and workers, each its own Spring application context, against the JVM's shared
 * real PostgreSQL, Kafka and Redis. Contexts are started and stopped by tests (a worker can be
 * stopped while messages are sent, and started again).
 */
final class ParleyStack implements AutoCloseable {

    static final String JWT_SECRET = "system-test-secret-0123456789-0123456789-abcdef";

    private static ParleyStack shared;

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    /** One gateway ("gw-shared") and one worker for the whole test JVM, for tests that need no restarts. */
    static synchronized ParleyStack shared() {
        if (shared == null) {
            shared = new ParleyStack();
            shared.worker = shared.startWorker();
            shared.gateway = shared.startGateway("gw-shared");
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private Gateway gateway;
    private ConfigurableApplicationContext worker;

    Gateway gateway() {
        return gateway;
    }

    /** This stack's worker, while it runs. */
    synchronized ConfigurableApplicationContext worker() {
        return worker;
    }

    /** The HTTP port of this stack's worker (actuator), while it runs. */
    synchronized int workerPort() {
        return Integer.parseInt(worker.getEnvironment().getProperty("local.server.port"));
    }

    /** Stops this stack's worker; messages keep being accepted and wait in Kafka. */
    synchronized void stopWorker() {
        stop(worker);
        worker = null;
    }

    synchronized void restartWorker() {
        if (worker == null) {
            worker = startWorker();
        }
    }

    Gateway startGateway(String instanceId) {
        return startGateway(instanceId, Map.of());
    }

    /** A gateway with {@code extra} properties over the common ones (e.g. short Socket.IO ping settings). */
    Gateway startGateway(String instanceId, Map<String, Object> extra) {
        Map<String, Object> properties = common();
        properties.put("parley.gateway.instance-id", instanceId);
        // the actuator's own port (loopback by default): free, like the main one
        properties.put("management.server.port", "0");
        properties.putAll(extra);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(args(properties));
        running.add(context);
        return new Gateway(context, Integer.parseInt(context.getEnvironment().getProperty("local.server.port")),
                Integer.parseInt(context.getEnvironment().getProperty("local.management.port")));
    }

    ConfigurableApplicationContext startWorker() {
        ConfigurableApplicationContext context = WorkerApplication.application().run(args(common()));
        running.add(context);
        return context;
    }

    void stop(ConfigurableApplicationContext context) {
        running.remove(context);
        context.close();
    }

    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    /** As command-line arguments: they win over application.yml (builder "properties" would not). */
    private static String[] args(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static Map<String, Object> common() {
        Map<String, Object> properties = new HashMap<>(RealInfrastructure.shared().springProperties());
        properties.put("server.port", "0");
        properties.put("parley.auth.jwt-secret", JWT_SECRET);
        properties.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
        // each context keeps its own meters (in production each deployable is its own JVM anyway)
        properties.put("management.metrics.use-global-registry", "false");
        // system tests send bursts from one user; the limits themselves are tested on their own
        properties.put("parley.websocket.send-rate", "100000");
        properties.put("parley.websocket.send-burst", "100000");
        properties.put("parley.websocket.frame-rate", "100000");
        properties.put("parley.websocket.frame-burst", "100000");
        // every test user signs in from 127.0.0.1; the sign-in limits are the bad-input suite's business
        properties.put("parley.auth.throttle.address-attempts", "1000000");
        properties.put("parley.auth.throttle.email-attempts", "1000");
        return properties;
    }

    /** A running gateway and where to reach it. */
    record Gateway(ConfigurableApplicationContext context, int port, int managementPort) {
        String http() {
            return "http://127.0.0.1:" + port;
        }

        /** The actuator: metrics, prometheus, health with details (loopback only). */
        String management() {
            return "http://127.0.0.1:" + managementPort;
        }

        String ws() {
            return "ws://127.0.0.1:" + port + "/ws";
        }
    }
}
