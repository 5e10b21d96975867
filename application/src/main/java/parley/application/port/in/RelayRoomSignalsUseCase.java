package parley.application.port.in;

import parley.application.model.RoomSignal;
import reactor.core.publisher.Flux;

public interface RelayRoomSignalsUseCase {

    /**
     * Forwards the room signals of every gateway (typing, presence, members, rooms, invitations, read
     * markers) to this gateway's sockets while subscribed. Emits each signal once it was handed to
     * the sockets, or, for news that needs the room read, once that read was started.
     */
    Flux<RoomSignal> relay();

    /** News signals dropped because too many room reads were in flight (a flood): its frames were not sent. */
    long droppedNews();
}
