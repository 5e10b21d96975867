package parley.application.fake;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import parley.application.port.out.UserStore;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/** Users in memory, with the unique e-mail key of the real table (EmailAddress is already lower case). */
public final class InMemoryUserStore implements UserStore {

    private final Map<UserId, User> byId = new HashMap<>();
    private final Map<EmailAddress, User> byEmail = new HashMap<>();

    @Override
    public Mono<User> insert(User user) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                if (byEmail.containsKey(user.email())) {
                    throw new EmailAlreadyTakenException(user.email());
                }
                if (byId.containsKey(user.id())) {
                    throw new IllegalStateException("duplicate key: user " + user.id() + " exists already");
                }
                byId.put(user.id(), user);
                byEmail.put(user.email(), user);
                return user;
            }
        });
    }

    @Override
    public Mono<User> findById(UserId id) {
        return Mono.defer(() -> Mono.justOrEmpty(find(id)));
    }

    @Override
    public Mono<User> findByEmail(EmailAddress email) {
        return Mono.defer(() -> {
            synchronized (this) {
                return Mono.justOrEmpty(byEmail.get(email));
            }
        });
    }

    /** Replaces the user's password hash (the real table does it in {@code PasswordChanges}); empty for an unknown user. */
    public Mono<Void> updatePasswordHash(UserId id, String passwordHash) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                User user = byId.get(id);
                if (user != null) {
                    User changed = new User(user.id(), user.email(), user.displayName(), passwordHash, user.createdAt());
                    byId.put(id, changed);
                    byEmail.put(user.email(), changed);
                }
            }
        });
    }

    @Override
    public Mono<Map<UserId, DisplayName>> displayNames(Collection<UserId> ids) {
        List<UserId> wanted = List.copyOf(ids);
        return Mono.fromCallable(() -> {
            synchronized (this) {
                Map<UserId, DisplayName> names = new HashMap<>();
                for (UserId id : wanted) {
                    User user = byId.get(id);
                    if (user != null) {
                        names.put(id, user.displayName());
                    }
                }
                return Map.copyOf(names);
            }
        });
    }

    /** Test helper: the stored user, if any, without going through a Mono. */
    public synchronized Optional<User> find(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Which of {@code ids} are users. */
    synchronized Set<UserId> known(Collection<UserId> ids) {
        return ids.stream().filter(byId::containsKey).collect(Collectors.toUnmodifiableSet());
    }

    /** Test helper: deletes an account, as an administrator would. */
    public synchronized void delete(UserId id) {
        User removed = byId.remove(id);
        if (removed != null) {
            byEmail.remove(removed.email());
        }
    }

    public synchronized int count() {
        return byId.size();
    }
}
