package parley.domain.room;

import java.util.Objects;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;

/**
 * The two users of a direct room, in a fixed order (the lower id first), so that either of them
 * starting the conversation names the same pair, and the store can keep one room per pair.
 */
public record DirectPair(UserId first, UserId second) {

    public DirectPair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.compareTo(second) >= 0) {
            throw new IllegalArgumentException("a direct pair is two different users, the lower id first");
        }
    }

    /** The pair of {@code caller} and {@code peer} in either order; refused when they are the same user. */
    public static DirectPair of(UserId caller, UserId peer) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(peer, "userId");
        int order = caller.compareTo(peer);
        if (order == 0) {
            throw new InvalidValueException("userId", "a direct room is with another user, not yourself");
        }
        return order < 0 ? new DirectPair(caller, peer) : new DirectPair(peer, caller);
    }

    public boolean contains(UserId user) {
        return first.equals(user) || second.equals(user);
    }

    /** The other user of the pair. */
    public UserId peerOf(UserId user) {
        if (first.equals(user)) {
            return second;
        }
        if (second.equals(user)) {
            return first;
        }
        throw new IllegalArgumentException(user + " is not in this pair");
    }
}
