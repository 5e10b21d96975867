package parley.application.port.in;

import reactor.core.publisher.Mono;

public interface SweepPresenceUseCase {

    /**
     * Announces offline every user whose last connection expired without a goodbye (their gateway
     * or client crashed). Emits how many were announced.
     */
    Mono<Integer> sweepExpiredConnections();
}
