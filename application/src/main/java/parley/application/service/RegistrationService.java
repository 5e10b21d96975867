package parley.application.service;

import java.time.InstantSource;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.RegisterUserCommand;
import parley.application.port.in.RegisterUserUseCase;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.PasswordHasher;
import parley.application.port.out.UserStore;
import parley.domain.user.User;
import reactor.core.publisher.Mono;

public final class RegistrationService implements RegisterUserUseCase {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final InstantSource clock;

    public RegistrationService(UserStore users, PasswordHasher hasher, IdGenerator ids, InstantSource clock) {
        this.users = users;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Mono<User> register(RegisterUserCommand command) {
        // the unique key decides between two concurrent registrations; a look-up first would only race
        return hasher.hash(command.password())
                .map(hash -> new User(ids.newUserId(), command.email(), command.displayName(), hash, clock.instant()))
                .flatMap(users::insert)
                .onErrorMap(UserStore.EmailAlreadyTakenException.class,
                        e -> new UseCaseException(ErrorCode.EMAIL_TAKEN, "this e-mail address is registered already"));
    }
}
