package parley.application.port.in;

import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import reactor.core.publisher.Mono;

/** Finding another user to invite or to message: by an exact e-mail address only, so there is no user directory to page through. */
public interface FindUserQuery {

    /** The user with exactly that address (compared as addresses are stored), or empty. */
    Mono<User> withEmail(EmailAddress email);
}
