package parley.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Puts a lost deny-list back from the sessions table (at gateway start, and whenever a look-up finds
 * it incomplete): every session revoked recently enough that a token of it could still verify.
 */
public interface RestoreDenyListUseCase {

    /**
     * Re-seeds the deny-list unless it is known to be complete; one re-seed at a time in this
     * process (a call while one runs joins it). True when the list is complete afterwards.
     */
    Mono<Boolean> restoreIfIncomplete();
}
