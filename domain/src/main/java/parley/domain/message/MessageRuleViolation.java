package parley.domain.message;

import java.util.Objects;

/** A message's rules refused a change; {@link #rule()} says which, the message says it for people. */
public final class MessageRuleViolation extends RuntimeException {

    private final MessageRule rule;

    public MessageRuleViolation(MessageRule rule, String message) {
        super(message, null, false, false);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public MessageRule rule() {
        return rule;
    }
}
