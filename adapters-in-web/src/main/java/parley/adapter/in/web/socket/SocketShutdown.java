package parley.adapter.in.web.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes every socket with 1001 (going away) when the gateway shuts down, before anything that
 * feeds them stops: a socket left open while the broadcast consumer is gone would receive nothing
 * and not know it, while a closed one reconnects (to another gateway) and catches up.
 *
 * <p>Lifecycle phases stop from the highest down. spring-kafka's listener containers run in phase
 * {@code Integer.MAX_VALUE - 100} and the web server's graceful shutdown in
 * {@code Integer.MAX_VALUE - 1024}; this one is above both, so it stops first. Started again after
 * a stop (Spring's test framework pauses idle cached contexts and resumes them), it takes sockets again.
 */
@Component
class SocketShutdown implements SmartLifecycle {

    static final int PHASE = Integer.MAX_VALUE - 50;
    private static final Logger log = LoggerFactory.getLogger(SocketShutdown.class);

    private final SocketRegistry registry;
    private volatile boolean running;

    SocketShutdown(SocketRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void start() {
        registry.reopen();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        log.info("closing {} sockets with 1001 before shutdown", registry.connectedSockets());
        registry.closeAll("the gateway is shutting down; reconnect");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
