package parley.reliability.abuse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import parley.boot.gateway.GatewayApplication;
import parley.boot.worker.WorkerApplication;
import parley.testkit.PostgresEndpoint;
import parley.testkit.RealInfrastructure;

/**
 * One real gateway and one real worker for the abuse suite, started once per test JVM against the
 * test kit's real PostgreSQL, Kafka and Redis. Unlike the system tests, the gateway keeps its
 * DEFAULT WebSocket limits (frame rate, send rate, outbound queue): those limits are what is tested.
 */
final class AbuseStack {

    static final String JWT_SECRET = "abuse-suite-secret-0123456789-0123456789-abcdefgh";
    static final String ISSUER = "parley";

    private static AbuseStack shared;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final int port;

    private AbuseStack() {
        // with its own worker.yml: its jar shares this class path with the gateway's
        contexts.add(WorkerApplication.application().run(args(common())));
        Map<String, String> gateway = common();
        gateway.put("parley.gateway.instance-id", "gw-abuse");
        gateway.put("management.server.port", "0");
        // every user of the suite signs in from 127.0.0.1: that address gets a large budget, and tests of the
        // per-address limit speak as other clients through X-Forwarded-For (127.0.0.1 is a trusted proxy here);
        // the per-e-mail limit keeps its default
        gateway.put("parley.auth.throttle.address-attempts", "1000000");
        gateway.put("parley.auth.trusted-proxies", "127.0.0.1");
        // the text-field tests make hundreds of rooms with few users; RoomServiceTest tests the creation limit
        gateway.put("parley.rooms.created-per-hour", "1000000");
        // SocketIoAbuseTest fills the Socket.IO sessions that wait for a CONNECT: a small cap and a short wait
        gateway.put("parley.socketio.unconnected-sessions", "100");
        gateway.put("parley.socketio.connect-timeout", "2s");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(args(gateway));
        contexts.add(context);
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static synchronized AbuseStack shared() {
        if (shared == null) {
            shared = new AbuseStack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "abuse-stack-shutdown"));
        }
        return shared;
    }

    int port() {
        return port;
    }

    String http() {
        return "http://127.0.0.1:" + port;
    }

    /** A plain JDBC connection to the database the gateway and worker use. */
    static Connection database() throws SQLException {
        PostgresEndpoint postgres = RealInfrastructure.shared().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    private synchronized void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
        contexts.clear();
    }

    private static Map<String, String> common() {
        Map<String, String> properties = new HashMap<>(RealInfrastructure.shared().springProperties());
        properties.put("server.port", "0");
        properties.put("parley.auth.jwt-secret", JWT_SECRET);
        // each context keeps its own meters
        properties.put("management.metrics.use-global-registry", "false");
        return properties;
    }

    /** Command-line arguments win over application.yml. */
    private static String[] args(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
