package parley.application.service;

import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.ChangePasswordCommand;
import parley.application.port.in.ChangePasswordUseCase;
import parley.application.port.out.PasswordHasher;
import parley.application.port.out.UserStore;
import reactor.core.publisher.Mono;

/** Changing one's password ends every other session: whoever knew the old one is signed out everywhere. */
public final class PasswordService implements ChangePasswordUseCase {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final SessionService sessions;

    PasswordService(UserStore users, PasswordHasher hasher, SessionService sessions) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> changePassword(ChangePasswordCommand command) {
        return users.findById(command.caller().userId())
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.USER_NOT_FOUND, "the account no longer exists")))
                .flatMap(user -> hasher.matches(command.currentPassword(), user.passwordHash()))
                .flatMap(matches -> matches
                        ? hasher.hash(command.newPassword())
                        : Mono.error(new UseCaseException(ErrorCode.INVALID_CREDENTIALS, "the current password is wrong")))
                .flatMap(hash -> users.updatePasswordHash(command.caller().userId(), hash))
                .then(Mono.defer(() -> sessions.revokeAllOf(command.caller().userId(), command.caller().sessionId())));
    }
}
