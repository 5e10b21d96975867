package parley.domain.room;

import java.util.Objects;

/** A room's rules refused an action; {@link #rule()} says which, the message says it for people. */
public final class RoomRuleViolation extends RuntimeException {

    private final RoomRule rule;

    public RoomRuleViolation(RoomRule rule, String message) {
        super(message, null, false, false);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public RoomRule rule() {
        return rule;
    }
}
