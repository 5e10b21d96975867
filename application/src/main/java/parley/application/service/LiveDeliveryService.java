package parley.application.service;

import java.util.List;
import parley.application.port.in.DeliverPersistedMessageUseCase;
import parley.application.port.in.RelayRoomSignalsUseCase;
import parley.application.port.out.ConnectedClients;
import parley.application.model.RoomSignal;
import parley.application.port.out.RoomSignalBus;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pushes what happens in rooms to this gateway's sockets: stored messages and passing signals. */
public final class LiveDeliveryService implements DeliverPersistedMessageUseCase, RelayRoomSignalsUseCase {

    private final ConnectedClients clients;
    private final RoomSignalBus signals;

    public LiveDeliveryService(ConnectedClients clients, RoomSignalBus signals) {
        this.clients = clients;
        this.signals = signals;
    }

    @Override
    public Mono<Void> deliver(List<MessagePersisted> events) {
        return clients.deliver(events.stream().map(MessagePersisted::message).toList());
    }

    @Override
    public Mono<Void> liveStreamRepositioned() {
        return clients.resynchronize();
    }

    @Override
    public Flux<RoomSignal> relay() {
        // one failing delivery must not end the relay for everybody
        return signals.signals().concatMap(signal -> clients.deliver(signal).onErrorResume(e -> Mono.empty()).thenReturn(signal));
    }
}
