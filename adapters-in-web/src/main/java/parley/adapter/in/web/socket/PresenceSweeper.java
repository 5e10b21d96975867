package parley.adapter.in.web.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.BackgroundSubscription;
import parley.application.port.in.SweepPresenceUseCase;
import reactor.core.Disposable;

/**
 * Every {@code parley.presence.sweep-interval}, announces offline the users whose last connection
 * expired without a goodbye. A failed sweep (Redis away) is logged and the next one tries again.
 */
@Component
class PresenceSweeper extends BackgroundSubscription {

    private static final Logger log = LoggerFactory.getLogger(PresenceSweeper.class);

    private final SweepPresenceUseCase sweep;
    private final PresenceSettings settings;

    PresenceSweeper(SweepPresenceUseCase sweep, PresenceSettings settings) {
        this.sweep = sweep;
        this.settings = settings;
    }

    @Override
    protected Disposable subscribe() {
        return repeatEvery(settings.sweepInterval(), settings.sweepInterval(), sweep::sweepExpiredConnections,
                e -> log.warn("presence sweep failed, next one in {}: {}", settings.sweepInterval(), e.toString()),
                swept -> {
                    if (swept > 0) {
                        log.debug("announced {} users offline whose last connection expired", swept);
                    }
                });
    }
}
