package parley.adapter.in.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A request body read by the API's one set of rules (documented on {@link ProblemAdvice}): a JSON
 * object whose every field is known and whose values are text or null. Bodies arrive as JSON trees
 * rather than bound objects, so these rules hold whatever the application's Jackson settings are,
 * and every wrong field is reported together with the domain's complaints instead of ending the
 * reading at the first one.
 */
final class JsonRequest {

    private final JsonNode body;
    private final FieldErrors errors;

    private JsonRequest(JsonNode body, FieldErrors errors) {
        this.body = body;
        this.errors = errors;
    }

    /**
     * Reads {@code body} as an object with the given fields. Unknown fields are recorded in
     * {@code errors}; a missing body or one that is not an object is refused at once, as no field
     * of it can be read.
     */
    static JsonRequest of(JsonNode body, FieldErrors errors, Set<String> knownFields) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidRequestException(List.of(new FieldError("body", "is required: send a JSON object")));
        }
        if (!body.isObject()) {
            throw new InvalidRequestException(List.of(new FieldError("body", "must be a JSON object")));
        }
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            if (!knownFields.contains(property.getKey())) {
                errors.add(property.getKey(), "is not a known field");
            }
        }
        return new JsonRequest(body, errors);
    }

    /** The field's text; null when it is absent or null, or (recorded as an error) not text. */
    String text(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(field, "must be a string");
            return null;
        }
        return value.stringValue();
    }

    /** Whether the body has the field at all (null included): a partial update changes only what it names. */
    boolean has(String field) {
        return body.has(field);
    }

    /**
     * The field as one of {@code type}'s constants, spelled exactly; null when absent or null, or
     * (recorded as an error naming the choices) anything else.
     */
    <E extends Enum<E>> E choice(String field, Class<E> type) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        errors.add(field, "must be one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        return null;
    }
}
