package parley.application.port.in;

import parley.application.model.Caller;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface LogOutUseCase {

    /** Revokes the caller's session (a token without one has nothing to revoke). */
    Mono<Void> logOut(Caller caller);

    /** Revokes every session of the user. */
    Mono<Void> logOutEverywhere(UserId userId);
}
