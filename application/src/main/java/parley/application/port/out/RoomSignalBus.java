package parley.application.port.out;

import parley.application.model.RoomSignal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Carries {@link RoomSignal}s to every gateway (fire and forget: a lost signal is acceptable). */
public interface RoomSignalBus {

    Mono<Void> publish(RoomSignal signal);

    /** Every signal published by any gateway from now on. */
    Flux<RoomSignal> signals();
}
