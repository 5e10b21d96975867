package parley.application.service;

import java.util.List;
import parley.application.model.RoomSignal;
import parley.application.port.in.DeliverPersistedMessageUseCase;
import parley.application.port.in.RelayRoomSignalsUseCase;
import parley.application.port.out.ConnectedClients;
import parley.application.port.out.RoomSignalBus;
import parley.application.port.out.RoomStore;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pushes what happens in rooms to this gateway's sockets: stored messages and passing signals. News
 * of a room (changed, opened, an invitation) is pushed with the room as read now, and read only when
 * this gateway has a socket it is for.
 */
public final class LiveDeliveryService implements DeliverPersistedMessageUseCase, RelayRoomSignalsUseCase {

    private final ConnectedClients clients;
    private final RoomSignalBus signals;
    private final RoomStore rooms;

    public LiveDeliveryService(ConnectedClients clients, RoomSignalBus signals, RoomStore rooms) {
        this.clients = clients;
        this.signals = signals;
        this.rooms = rooms;
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
        return signals.signals().concatMap(signal -> push(signal).onErrorResume(e -> Mono.empty()).thenReturn(signal));
    }

    private Mono<Void> push(RoomSignal signal) {
        return switch (signal) {
            case RoomSignal.Passing passing -> clients.deliver(passing);
            case RoomSignal.RoomChanged changed -> clients.watches(changed.roomId())
                    ? rooms.summary(changed.roomId(), changed.changedBy()).flatMap(clients::roomUpdated)
                    : Mono.empty();
            case RoomSignal.DirectRoomOpened opened -> clients.reaches(opened.peer())
                    ? rooms.summary(opened.roomId(), opened.peer()).flatMap(room -> clients.roomOpened(opened.peer(), room))
                    : Mono.empty();
            case RoomSignal.Invited invited -> clients.reaches(invited.invitee())
                    ? rooms.summary(invited.roomId(), invited.invitee())
                            .flatMap(room -> clients.invited(invited.invitee(), room, invited.invitedBy()))
                    : Mono.empty();
        };
    }
}
