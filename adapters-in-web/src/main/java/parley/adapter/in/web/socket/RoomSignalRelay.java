package parley.adapter.in.web.socket;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import parley.application.port.in.RelayRoomSignalsUseCase;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Keeps this gateway listening to typing and presence signals from every gateway for as long as it
 * runs; if the signal stream breaks (Redis away), it is resubscribed with back-off.
 */
@Component
class RoomSignalRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomSignalRelay.class);

    private final RelayRoomSignalsUseCase relay;
    private volatile Disposable subscription;

    RoomSignalRelay(RelayRoomSignalsUseCase relay) {
        this.relay = relay;
    }

    @Override
    public void start() {
        subscription = relay.relay()
                .doOnError(e -> log.warn("room signal relay interrupted, retrying: {}", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
        subscription = null;
    }

    @Override
    public boolean isRunning() {
        return subscription != null && !subscription.isDisposed();
    }
}
