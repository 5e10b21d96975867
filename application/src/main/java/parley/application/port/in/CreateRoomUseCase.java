package parley.application.port.in;

import parley.application.model.RoomSummary;
import reactor.core.publisher.Mono;

public interface CreateRoomUseCase {

    /** Creates the room with its creator as OWNER. */
    Mono<RoomSummary> create(CreateRoomCommand command);
}
