package parley.application.port.in;

import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface AuthenticateUseCase {

    /** The user a bearer token speaks for; UNAUTHORIZED when the token is missing or not valid. */
    Mono<UserId> authenticate(String bearerToken);
}
