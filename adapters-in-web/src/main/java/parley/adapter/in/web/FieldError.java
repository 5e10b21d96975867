package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** One wrong input of a request, as listed in a VALIDATION_FAILED problem's {@code errors}. */
@Schema(name = "FieldError", description = "One invalid input: the JSON field, query parameter or path variable, and what is wrong with it")
record FieldError(
        @Schema(example = "email") String field,
        @Schema(example = "must be an e-mail address") String message) {
}
