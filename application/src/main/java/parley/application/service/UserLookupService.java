package parley.application.service;

import parley.application.port.in.FindUserQuery;
import parley.application.port.out.UserStore;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import reactor.core.publisher.Mono;

/** {@link FindUserQuery} on the user store; how often a caller may ask is the web adapter's throttle. */
public final class UserLookupService implements FindUserQuery {

    private final UserStore users;

    UserLookupService(UserStore users) {
        this.users = users;
    }

    @Override
    public Mono<User> withEmail(EmailAddress email) {
        return users.findByEmail(email);
    }
}
