package parley.adapter.in.web;

import java.net.InetSocketAddress;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which of the gateway's servers a request came in on. Spring Boot runs the web filters on the
 * management server too (a child context takes its parent's filters), and that server is not the
 * public one: the actuator is public there, on loopback by default.
 */
final class ServerPorts {

    private static final String MANAGEMENT_PORT = "local.management.port";
    private static final String SERVER_PORT = "local.server.port";

    private ServerPorts() {
    }

    /** Whether the request came in on the management server's own port (never when it shares the main one). */
    static boolean onManagementPort(ServerHttpRequest request, Environment environment) {
        InetSocketAddress local = request.getLocalAddress();
        String management = environment.getProperty(MANAGEMENT_PORT);
        return local != null && management != null && !management.equals(environment.getProperty(SERVER_PORT))
                && management.equals(Integer.toString(local.getPort()));
    }
}
