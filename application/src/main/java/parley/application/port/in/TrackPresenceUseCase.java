package parley.application.port.in;

import parley.application.model.ConnectionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface TrackPresenceUseCase {

    /** A socket opened: the user is online (announced if they were not). */
    Mono<Void> connected(ConnectionId connection, UserId userId);

    /** The socket is alive; keeps the user online for another time-to-live. */
    Mono<Void> heartbeat(ConnectionId connection, UserId userId);

    /** A socket closed: the user goes offline (announced) if it was their last live one. */
    Mono<Void> disconnected(ConnectionId connection, UserId userId);
}
