package parley.application.port.in;

import parley.application.model.RoomSummary;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;

public interface DiscoverRoomsQuery {

    int DEFAULT_LIMIT = 20;
    int MAX_LIMIT = 100;
    int MAX_QUERY_LENGTH = 100;

    /** Rooms the caller may join, optionally filtered by a name fragment. */
    Flux<RoomSummary> discover(UserId userId, String query, Integer limit);
}
