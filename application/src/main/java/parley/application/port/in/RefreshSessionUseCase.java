package parley.application.port.in;

import parley.application.model.IssuedTokens;
import reactor.core.publisher.Mono;

public interface RefreshSessionUseCase {

    /**
     * New tokens for the session of a refresh token, which is used up (rotated). A used one revokes
     * the session: REFRESH_TOKEN_REUSED. Malformed, unknown, expired or revoked: UNAUTHORIZED.
     */
    Mono<IssuedTokens> refresh(String refreshToken);
}
