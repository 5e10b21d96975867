package parley.application.port.in;

import reactor.core.publisher.Mono;

public interface ChangePasswordUseCase {

    /**
     * Sets a new password when the current one is right (INVALID_CREDENTIALS otherwise) and revokes
     * every other session of the user.
     */
    Mono<Void> changePassword(ChangePasswordCommand command);
}
