package parley.application.port.in;

import parley.application.model.RoomSummary;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/** The one direct room of two users (PROTOCOL-1.1 §2, §7). */
public interface OpenDirectRoomUseCase {

    /**
     * The direct room of {@code caller} and {@code peer}, created with both as MEMBERs when the pair
     * has none yet; USER_NOT_FOUND for an unknown peer, and a direct room with oneself is refused.
     */
    Mono<Opened> open(UserId caller, UserId peer);

    /** The room as the caller sees it, and whether this call created it. */
    record Opened(RoomSummary room, boolean created) {
    }
}
