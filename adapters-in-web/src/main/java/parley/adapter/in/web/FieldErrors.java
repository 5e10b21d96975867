package parley.adapter.in.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import parley.domain.shared.InvalidValueException;

/**
 * Collects what is wrong with a request, field by field, so that one response names every wrong
 * field instead of the first one the domain happened to check. The rules themselves stay in the
 * domain and the commands: this class only runs them one field at a time.
 */
final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    void add(String field, String message) {
        // the first complaint about a field is the most basic one (wrong type before wrong value)
        byField.putIfAbsent(field, message);
    }

    boolean has(String field) {
        return byField.containsKey(field);
    }

    /**
     * Runs one field's rule and reports its failure under {@code field}, the name the client used
     * (the domain may call the same value differently, e.g. {@code messageId} for
     * {@code lastReadMessageId}). Skipped, returning null, when the field is already known to be wrong.
     */
    <T> T check(String field, Supplier<T> rule) {
        if (has(field)) {
            return null;
        }
        try {
            return rule.get();
        } catch (InvalidValueException e) {
            add(field, e.reason());
            return null;
        }
    }

    /** Like {@link #check(String, Supplier)}, for rules that name the failing field themselves. */
    <T> T check(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidValueException e) {
            add(e.field(), e.reason());
            return null;
        }
    }

    /** An optional whole number, as query parameters carry them; blank means absent. */
    Integer wholeNumber(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            add(field, "must be a whole number");
            return null;
        }
    }

    void throwIfAny() {
        if (!byField.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            byField.forEach((field, message) -> errors.add(new FieldError(field, message)));
            throw new InvalidRequestException(errors);
        }
    }
}
