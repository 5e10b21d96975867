package parley.domain.shared;

/**
 * A value that breaks a domain rule. It names the field so that an adapter can tell the client
 * exactly which input was wrong, without knowing the rule itself.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The rule that was broken, without the field name. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
