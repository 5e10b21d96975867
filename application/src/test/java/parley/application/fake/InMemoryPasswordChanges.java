package parley.application.fake;

import java.time.Instant;
import parley.application.port.out.PasswordChanges;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The password and the other sessions changed together, over the in-memory users and sessions. */
public final class InMemoryPasswordChanges implements PasswordChanges {

    private final InMemoryUserStore users;
    private final InMemorySessionStore sessions;

    public InMemoryPasswordChanges(InMemoryUserStore users, InMemorySessionStore sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    public Flux<SessionId> replace(UserId userId, String newHash, SessionId keep, Instant at) {
        return Flux.defer(() -> {
            synchronized (this) {
                if (users.findById(userId).blockOptional().isEmpty()) {
                    return Flux.empty();
                }
                // the sessions first: when they cannot be revoked (an outage) the password stays, as a rolled-back transaction leaves it
                var revoked = sessions.revokeAllOf(userId, keep, at).collectList().block();
                users.updatePasswordHash(userId, newHash).block();
                return Flux.fromIterable(revoked);
            }
        });
    }

    @Override
    public Mono<Boolean> stillCurrent(UserId userId, String verifiedHash) {
        return Mono.defer(() -> {
            synchronized (this) {
                return users.findById(userId).map(user -> user.passwordHash().equals(verifiedHash)).defaultIfEmpty(false);
            }
        });
    }
}
