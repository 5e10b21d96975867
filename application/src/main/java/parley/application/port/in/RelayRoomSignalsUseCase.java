package parley.application.port.in;

import reactor.core.publisher.Flux;

public interface RelayRoomSignalsUseCase {

    /**
     * Forwards typing and presence signals from every gateway to this gateway's sockets while
     * subscribed. Each element is one relayed signal, for observability.
     */
    Flux<Void> relay();
}
