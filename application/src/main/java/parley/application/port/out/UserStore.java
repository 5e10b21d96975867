package parley.application.port.out;

import java.util.Collection;
import java.util.Map;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/** Where users are kept. */
public interface UserStore {

    /** Stores a new user; fails with {@link EmailAlreadyTakenException} if the address is in use. */
    Mono<User> insert(User user);

    Mono<User> findById(UserId id);

    Mono<User> findByEmail(EmailAddress email);

    /** Display names of the given users; unknown ids are absent from the map. */
    Mono<Map<UserId, DisplayName>> displayNames(Collection<UserId> ids);

    /** Signals that the e-mail address belongs to another user already (a unique-key conflict). */
    final class EmailAlreadyTakenException extends RuntimeException {
        public EmailAlreadyTakenException(EmailAddress email) {
            super("e-mail address already registered: " + email);
        }
    }
}
