package parley.reliability.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The embedded Kafka broker and its clients log a lot at INFO; this suite only needs their warnings. */
final class Logging {

    private Logging() {
    }

    static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : new String[] {"org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper",
                    "io.netty", "reactor.netty"}) {
                context.getLogger(name).setLevel(Level.WARN);
            }
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getLevel() == null || root.getLevel().toInt() < Level.INFO.toInt()) {
                root.setLevel(Level.INFO);
            }
        }
    }
}
