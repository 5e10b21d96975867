package parley.application.port.in;

import parley.application.model.Caller;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface AuthenticateUseCase {

    /**
     * Who a bearer token speaks for, with its session and expiry; UNAUTHORIZED when the token is
     * missing, not valid, or its session was revoked.
     */
    Mono<Caller> caller(String bearerToken);

    /** The user a bearer token speaks for; UNAUTHORIZED as {@link #caller}. */
    default Mono<UserId> authenticate(String bearerToken) {
        return caller(bearerToken).map(Caller::userId);
    }
}
