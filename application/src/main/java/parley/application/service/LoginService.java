package parley.application.service;

import java.time.Duration;
import java.util.Optional;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.LogInCommand;
import parley.application.port.in.LogInUseCase;
import parley.application.model.IssuedTokens;
import parley.application.port.out.PasswordChanges;
import parley.application.port.out.PasswordHasher;
import parley.application.port.out.UserStore;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import reactor.core.publisher.Mono;

/**
 * Exchanges credentials for a new session and its tokens. Unknown e-mail and wrong password fail alike, and both run a
 * hash comparison, so neither the answer nor its timing tells which accounts exist.
 *
 * <p>A sign-in with the old password can race a password change: verified before the change, its session stored
 * after the change revoked the others. So once the session is stored, the verified hash is asked for again
 * ({@link PasswordChanges#stillCurrent}, which waits for a change in progress): if it changed meanwhile the new
 * session is revoked before its tokens leave, and the sign-in fails like a wrong password. Either the session
 * existed when the change revoked the others, or the sign-in sees the change.
 */
public final class LoginService implements LogInUseCase {

    private final UserStore users;
    private final PasswordChanges changes;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final Mono<String> decoyHash;

    LoginService(UserStore users, PasswordChanges changes, PasswordHasher hasher, Sessions sessions) {
        this.users = users;
        this.changes = changes;
        this.hasher = hasher;
        this.sessions = sessions;
        // cached once computed; a failure is not cached, so one bad moment cannot break every later login
        this.decoyHash = hasher.hash("parley-decoy-password")
                .cache(hash -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<IssuedTokens> logIn(LogInCommand command) {
        // exactly one hash comparison whatever happens: against the user's hash, or against a decoy
        return findUser(command.email())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> user.isPresent()
                        ? hasher.matches(command.password(), user.get().passwordHash()).map(ok -> ok ? user : Optional.<User>empty())
                        : decoyHash.flatMap(hash -> hasher.matches(command.password(), hash)).thenReturn(Optional.<User>empty()))
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.error(LoginService::wrongCredentials))
                .flatMap(user -> sessions.start(user.id(), command.userAgent())
                        .flatMap(issued -> changes.stillCurrent(user.id(), user.passwordHash())
                                .flatMap(current -> current
                                        ? Mono.just(issued)
                                        : sessions.store().revoke(issued.sessionId(), sessions.clock().instant())
                                                .then(Mono.<IssuedTokens>error(LoginService::wrongCredentials)))));
    }

    private static UseCaseException wrongCredentials() {
        return new UseCaseException(ErrorCode.INVALID_CREDENTIALS, "e-mail or password is wrong");
    }

    private Mono<User> findUser(String email) {
        EmailAddress address;
        try {
            address = EmailAddress.of(email);
        } catch (InvalidValueException e) {
            return Mono.empty();
        }
        return users.findByEmail(address);
    }
}
