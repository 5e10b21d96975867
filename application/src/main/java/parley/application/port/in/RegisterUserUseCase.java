package parley.application.port.in;

import parley.domain.user.User;
import reactor.core.publisher.Mono;

public interface RegisterUserUseCase {

    /** Creates the account; fails with EMAIL_TAKEN when the address is registered already. */
    Mono<User> register(RegisterUserCommand command);
}
