package parley.adapter.in.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.application.port.in.PurgeEndedSessionsUseCase;
import reactor.core.Disposable;

/**
 * Every {@code parley.auth.sessions.purge-interval} (the first time a minute after start, or sooner
 * with a shorter interval, so that a gateway restarted more often than the interval still purges),
 * deletes the sessions that ended longer than the retention ago. Every gateway runs it; the table
 * lets concurrent purges take different rows. A failed purge is logged and the next tick tries again;
 * a tick that finds one still running is skipped.
 */
@Component
class EndedSessionsPurge extends BackgroundSubscription {

    private static final Logger log = LoggerFactory.getLogger(EndedSessionsPurge.class);
    private static final Duration FIRST_AFTER = Duration.ofMinutes(1);

    private final PurgeEndedSessionsUseCase purge;
    private final Duration interval;

    EndedSessionsPurge(PurgeEndedSessionsUseCase purge, SessionSettings settings) {
        this.purge = purge;
        this.interval = settings.purgeInterval();
    }

    @Override
    protected Disposable subscribe() {
        Duration first = interval.compareTo(FIRST_AFTER) < 0 ? interval : FIRST_AFTER;
        return repeatEvery(first, interval, purge::purgeEnded,
                e -> log.warn("purging ended sessions failed, next try in {}: {}", interval, e.toString()),
                deleted -> {
                    if (deleted > 0) {
                        log.info("deleted {} ended session(s)", deleted);
                    }
                });
    }
}
