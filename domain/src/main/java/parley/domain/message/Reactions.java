package parley.domain.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import parley.domain.user.UserId;

/**
 * The reactions on one message: per emoji (in the order first used), the users who reacted with it
 * (in the order they did). At most {@link #MAX_DISTINCT} distinct emoji; one user reacts with an
 * emoji once, so adding it again or taking away one that is not there changes nothing. Immutable:
 * a change answers the new reactions, or empty when it changes nothing (a no-op takes no revision).
 */
public final class Reactions {

    public static final int MAX_DISTINCT = 20;
    /** How many of an emoji's users a message's state lists (the count is always whole). */
    public static final int USERS_LISTED = 50;
    public static final Reactions NONE = new Reactions(Map.of());

    /** One emoji's count and up to {@link #USERS_LISTED} of its users, first reactors first. */
    public record Count(Emoji emoji, int count, List<UserId> userIds) {
        public Count {
            Objects.requireNonNull(emoji, "emoji");
            userIds = List.copyOf(userIds);
        }
    }

    private final Map<Emoji, Set<UserId>> byEmoji;

    private Reactions(Map<Emoji, Set<UserId>> byEmoji) {
        this.byEmoji = byEmoji;
    }

    /** Reactions as stored, in this order. */
    public static Reactions of(Map<Emoji, ? extends Iterable<UserId>> stored) {
        Map<Emoji, Set<UserId>> copy = new LinkedHashMap<>();
        stored.forEach((emoji, users) -> {
            Set<UserId> set = new LinkedHashSet<>();
            users.forEach(set::add);
            if (!set.isEmpty()) {
                copy.put(emoji, set);
            }
        });
        return new Reactions(copy);
    }

    public Optional<Reactions> add(Emoji emoji, UserId user) {
        Set<UserId> users = byEmoji.get(emoji);
        if (users != null && users.contains(user)) {
            return Optional.empty();
        }
        if (users == null && byEmoji.size() >= MAX_DISTINCT) {
            throw new MessageRuleViolation(MessageRule.TOO_MANY_REACTIONS,
                    "a message has at most " + MAX_DISTINCT + " different reactions");
        }
        Map<Emoji, Set<UserId>> next = copy();
        next.computeIfAbsent(emoji, e -> new LinkedHashSet<>()).add(user);
        return Optional.of(new Reactions(next));
    }

    public Optional<Reactions> remove(Emoji emoji, UserId user) {
        Set<UserId> users = byEmoji.get(emoji);
        if (users == null || !users.contains(user)) {
            return Optional.empty();
        }
        Map<Emoji, Set<UserId>> next = copy();
        next.get(emoji).remove(user);
        if (next.get(emoji).isEmpty()) {
            next.remove(emoji);
        }
        return Optional.of(new Reactions(next));
    }

    /** What a message's state shows: each emoji with its count and its first users. */
    public List<Count> counts() {
        List<Count> counts = new ArrayList<>(byEmoji.size());
        byEmoji.forEach((emoji, users) -> counts.add(new Count(emoji, users.size(), users.stream().limit(USERS_LISTED).toList())));
        return counts;
    }

    public boolean isEmpty() {
        return byEmoji.isEmpty();
    }

    private Map<Emoji, Set<UserId>> copy() {
        Map<Emoji, Set<UserId>> copy = new LinkedHashMap<>();
        byEmoji.forEach((emoji, users) -> copy.put(emoji, new LinkedHashSet<>(users)));
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Reactions that && byEmoji.equals(that.byEmoji);
    }

    @Override
    public int hashCode() {
        return byEmoji.hashCode();
    }

    @Override
    public String toString() {
        return byEmoji.toString();
    }
}
