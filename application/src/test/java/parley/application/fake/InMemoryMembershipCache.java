package parley.application.fake;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.application.port.out.DependencyUnavailableException;
import parley.application.port.out.MembershipCache;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/** A membership cache in a map; {@link #failing(boolean)} makes every call fail, as Redis being down. */
public final class InMemoryMembershipCache implements MembershipCache {

    private record Key(RoomId roomId, UserId userId) {
    }

    private final Map<Key, Boolean> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public Mono<Boolean> isMember(RoomId roomId, UserId userId) {
        return Mono.defer(() -> {
            checkAvailable();
            return Mono.justOrEmpty(entries.get(new Key(roomId, userId)));
        });
    }

    @Override
    public Mono<Void> remember(RoomId roomId, UserId userId, boolean member) {
        return Mono.fromRunnable(() -> {
            checkAvailable();
            entries.put(new Key(roomId, userId), member);
        });
    }

    @Override
    public Mono<Void> forget(RoomId roomId, UserId userId) {
        return Mono.fromRunnable(() -> {
            checkAvailable();
            entries.remove(new Key(roomId, userId));
        });
    }

    /** Test helper: the cached answer, read directly (works even while failing). */
    public Optional<Boolean> cached(RoomId roomId, UserId userId) {
        return Optional.ofNullable(entries.get(new Key(roomId, userId)));
    }

    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    public boolean isFailing() {
        return failing.get();
    }

    private void checkAvailable() {
        if (failing.get()) {
            throw new DependencyUnavailableException("the membership cache", null);
        }
    }
}
