package parley.application.port.in;

import parley.application.model.RoomSignal;
import reactor.core.publisher.Flux;

public interface RelayRoomSignalsUseCase {

    /**
     * Forwards typing and presence signals from every gateway to this gateway's sockets while
     * subscribed. Emits each signal once it was handed to the sockets (for observability and tests).
     */
    Flux<RoomSignal> relay();
}
