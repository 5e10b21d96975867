package parley.application.service;

import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.AuthenticateUseCase;
import parley.application.port.in.GetCurrentUserQuery;
import parley.application.port.out.AccessTokens;
import parley.application.port.out.UserStore;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public final class AuthenticationService implements AuthenticateUseCase, GetCurrentUserQuery {

    private final AccessTokens tokens;
    private final UserStore users;

    public AuthenticationService(AccessTokens tokens, UserStore users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public Mono<UserId> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Mono.error(new UseCaseException(ErrorCode.UNAUTHORIZED, "a bearer token is required"));
        }
        return Mono.justOrEmpty(tokens.verify(bearerToken))
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.UNAUTHORIZED, "the token is invalid or expired")));
    }

    @Override
    public Mono<User> currentUser(UserId userId) {
        return users.findById(userId)
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.USER_NOT_FOUND, "the account no longer exists")));
    }
}
