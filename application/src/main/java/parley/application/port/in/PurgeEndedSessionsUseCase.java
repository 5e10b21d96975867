package parley.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Deletes the sessions that ended (were revoked, or ran out of refresh lifetime) longer than the
 * retention ago, so that the sessions table holds what can still matter and no more, however many
 * times users sign in.
 */
public interface PurgeEndedSessionsUseCase {

    /** One purge, in bounded batches; the number of sessions deleted. What one run leaves, the next takes. */
    Mono<Integer> purgeEnded();
}
