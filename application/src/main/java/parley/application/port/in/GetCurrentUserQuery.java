package parley.application.port.in;

import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface GetCurrentUserQuery {

    /** The authenticated user's account; USER_NOT_FOUND if it no longer exists. */
    Mono<User> currentUser(UserId userId);
}
