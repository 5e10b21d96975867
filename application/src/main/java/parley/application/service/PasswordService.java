package parley.application.service;

import java.util.stream.Collectors;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.ChangePasswordCommand;
import parley.application.port.in.ChangePasswordUseCase;
import parley.application.port.out.PasswordChanges;
import parley.application.port.out.PasswordHasher;
import parley.application.port.out.UserStore;
import reactor.core.publisher.Mono;

/**
 * Changing one's password ends every other session: whoever knew the old one is signed out
 * everywhere. The new hash and the revocations are one transaction ({@link PasswordChanges}), so a
 * failure half-way cannot leave the password changed and the other sessions alive; a sign-in with
 * the old password racing the change loses ({@link LoginService}).
 */
public final class PasswordService implements ChangePasswordUseCase {

    private final UserStore users;
    private final PasswordChanges changes;
    private final PasswordHasher hasher;
    private final Sessions sessions;

    PasswordService(UserStore users, PasswordChanges changes, PasswordHasher hasher, Sessions sessions) {
        this.users = users;
        this.changes = changes;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> changePassword(ChangePasswordCommand command) {
        var userId = command.caller().userId();
        return users.findById(userId)
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.USER_NOT_FOUND, "the account no longer exists")))
                .flatMap(user -> hasher.matches(command.currentPassword(), user.passwordHash()))
                .flatMap(matches -> matches
                        ? hasher.hash(command.newPassword())
                        : Mono.error(new UseCaseException(ErrorCode.INVALID_CREDENTIALS, "the current password is wrong")))
                .flatMap(hash -> changes.replace(userId, hash, command.caller().sessionId(), sessions.clock().instant())
                        .collect(Collectors.toUnmodifiableSet()))
                .flatMap(revoked -> sessions.announce(userId, revoked));
    }
}
