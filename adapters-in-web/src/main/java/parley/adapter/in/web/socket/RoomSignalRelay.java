package parley.adapter.in.web.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.BackgroundSubscription;
import parley.application.port.in.RelayRoomSignalsUseCase;
import reactor.core.Disposable;

/**
 * Keeps this gateway listening to typing and presence signals from every gateway for as long as it
 * runs; if the signal stream breaks (Redis away), it is resubscribed with back-off.
 */
@Component
class RoomSignalRelay extends BackgroundSubscription {

    private static final Logger log = LoggerFactory.getLogger(RoomSignalRelay.class);

    private final RelayRoomSignalsUseCase relay;

    RoomSignalRelay(RelayRoomSignalsUseCase relay) {
        this.relay = relay;
    }

    @Override
    protected Disposable subscribe() {
        return listenForever(relay.relay(), e -> log.warn("room signal relay interrupted, retrying: {}", e.toString()));
    }
}
