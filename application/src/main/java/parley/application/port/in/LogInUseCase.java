package parley.application.port.in;

import parley.application.model.AccessToken;
import reactor.core.publisher.Mono;

public interface LogInUseCase {

    /** A token for valid credentials; INVALID_CREDENTIALS, alike for unknown e-mail and wrong password. */
    Mono<AccessToken> logIn(LogInCommand command);
}
