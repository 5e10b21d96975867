package parley.adapter.in.web.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import parley.application.port.in.SweepPresenceUseCase;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code parley.presence.sweep-interval}, announces offline the users whose last connection
 * expired without a goodbye. A failed sweep (Redis away) is logged and the next one tries again.
 */
@Component
class PresenceSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceSweeper.class);

    private final SweepPresenceUseCase sweep;
    private final PresenceSettings settings;
    private volatile Disposable running;

    PresenceSweeper(SweepPresenceUseCase sweep, PresenceSettings settings) {
        this.sweep = sweep;
        this.settings = settings;
    }

    @Override
    public void start() {
        running = Flux.interval(settings.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep.sweepExpiredConnections()
                        .onErrorResume(e -> {
                            log.warn("presence sweep failed, next one in {}: {}", settings.sweepInterval(), e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe(swept -> {
                    if (swept > 0) {
                        log.debug("announced {} users offline whose last connection expired", swept);
                    }
                });
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
