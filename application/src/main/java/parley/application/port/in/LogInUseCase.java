package parley.application.port.in;

import parley.application.model.IssuedTokens;
import reactor.core.publisher.Mono;

public interface LogInUseCase {

    /**
     * A new session and its tokens for valid credentials; INVALID_CREDENTIALS, alike for unknown
     * e-mail and wrong password.
     */
    Mono<IssuedTokens> logIn(LogInCommand command);
}
