package parley.application.service;

import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.model.Caller;
import parley.application.port.in.AuthenticateUseCase;
import parley.application.port.in.GetCurrentUserQuery;
import parley.application.port.out.AccessTokens;
import parley.application.port.out.UserStore;
import parley.domain.user.User;
import reactor.core.publisher.Mono;

/**
 * Checks bearer tokens: the signature and expiry, then, for a token issued for a session, that the
 * session is not revoked. A token without a session (issued before sessions existed) stays valid
 * until it expires.
 */
public final class AuthenticationService implements AuthenticateUseCase, GetCurrentUserQuery {

    private final AccessTokens tokens;
    private final UserStore users;
    private final RevocationCheck revocations;

    AuthenticationService(AccessTokens tokens, UserStore users, RevocationCheck revocations) {
        this.tokens = tokens;
        this.users = users;
        this.revocations = revocations;
    }

    @Override
    public Mono<Caller> caller(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Mono.error(new UseCaseException(ErrorCode.UNAUTHORIZED, "a bearer token is required"));
        }
        return Mono.defer(() -> Mono.justOrEmpty(tokens.check(bearerToken)))
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.UNAUTHORIZED, "the token is invalid or expired")))
                .flatMap(caller -> caller.session().isEmpty()
                        ? Mono.just(caller)
                        : revocations.isRevoked(caller.sessionId()).flatMap(revoked -> revoked
                                ? Mono.error(new UseCaseException(ErrorCode.UNAUTHORIZED, "the session has ended"))
                                : Mono.just(caller)));
    }

    @Override
    public Mono<User> currentUser(parley.domain.user.UserId userId) {
        return users.findById(userId)
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.USER_NOT_FOUND, "the account no longer exists")));
    }
}
