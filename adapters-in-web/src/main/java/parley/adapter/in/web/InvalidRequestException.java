package parley.adapter.in.web;

import java.util.List;

/** A request with one or more wrong inputs, all of them named, so a client fixes them in one round. */
final class InvalidRequestException extends RuntimeException {

    private final transient List<FieldError> errors;

    InvalidRequestException(List<FieldError> errors) {
        super("invalid request: " + errors.stream().map(FieldError::field).toList());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }
}
