package parley.application.port.in;

import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface RevokeSessionUseCase {

    /** Revokes one of the user's own sessions; SESSION_NOT_FOUND for an unknown id and for another user's alike. */
    Mono<Void> revoke(UserId userId, SessionId sessionId);
}
