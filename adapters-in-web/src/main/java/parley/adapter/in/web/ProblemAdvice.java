package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers every failure of request handling with an RFC 9457 {@code application/problem+json}
 * body carrying a stable {@code code} (see {@link Problems} for the table).
 *
 * <h2>How request bodies are read</h2>
 * Every JSON request body of the API is read by the same rules, whatever the Jackson settings of
 * the application:
 * <ul>
 *   <li>The body must be a JSON object with {@code Content-Type: application/json}; another
 *       content type is answered with 415 {@code UNSUPPORTED_MEDIA_TYPE}, a missing body or one
 *       that is not an object with 400 {@code VALIDATION_FAILED} naming the field {@code body}.</li>
 *   <li>Text that is not well-formed JSON is answered with 400 {@code MALFORMED_JSON}.</li>
 *   <li><b>Unknown fields are rejected</b>: a field the endpoint does not define is answered with
 *       400 {@code VALIDATION_FAILED} naming that field ("is not a known field"). A misspelt
 *       optional field would otherwise be dropped without a word, and the client would never
 *       learn why its {@code displayName} was ignored.</li>
 *   <li>Field values must have the JSON type the contract gives them: a number or an object where
 *       text is expected is a {@code VALIDATION_FAILED} for that field, never silently coerced.
 *       {@code null} counts as absent.</li>
 *   <li>Every wrong input is reported at once in {@code errors: [{field, message}]}: unknown
 *       fields, wrong types and domain rules (e-mail form, password length …) alike, together
 *       with a wrong path variable such as {@code roomId}.</li>
 *   <li>A body larger than the codec limit ({@code spring.http.codecs.max-in-memory-size},
 *       64 KiB) is answered with 413 {@code PAYLOAD_TOO_LARGE}.</li>
 * </ul>
 *
 * It extends Spring's {@link ResponseEntityExceptionHandler} so that Spring Boot's own problem
 * details handler stands back even when {@code spring.webflux.problemdetails.enabled} is set: there
 * is exactly one source of error bodies.
 */
@RestControllerAdvice
final class ProblemAdvice extends ResponseEntityExceptionHandler {

    /** Spring's own web exceptions (404, 405, 415, unreadable input …) arrive here. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(
            Exception ex, @Nullable Object body, @Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return respond(ex, exchange);
    }

    /** Everything else: use case refusals, invalid values, outages, bugs. */
    @ExceptionHandler(Exception.class)
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED (every invalid input listed in errors) or MALFORMED_JSON",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "500", description = "INTERNAL_ERROR: an unexpected failure; details are in the server log only",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: the database or another dependency is down; retry later",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    Mono<ResponseEntity<Object>> handleAny(Exception ex, ServerWebExchange exchange) {
        return respond(ex, exchange);
    }

    private static Mono<ResponseEntity<Object>> respond(Exception failure, ServerWebExchange exchange) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        Problems.Problem problem = Problems.of(failure);
        Problems.report(problem, failure, exchange.getRequest());
        return Mono.just(ResponseEntity.status(problem.status())
                .headers(problem.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.body()));
    }
}
