package parley.adapter.in.web;

import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.domain.shared.InvalidValueException;

/**
 * Turns any failure into the problem the client receives: an HTTP status, an RFC 9457 body with a
 * stable {@code code}, and the headers that status calls for. {@link ProblemAdvice} and
 * {@link ProblemExceptionHandler} both answer through here, so a failure reads the same whether it
 * happened in a controller, in routing or in the authentication filter.
 */
final class Problems {

    static final String CODE = "code";
    static final String ERRORS = "errors";
    static final String VALIDATION_FAILED = ErrorCode.VALIDATION_FAILED.name();
    static final String MALFORMED_JSON = "MALFORMED_JSON";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    /**
     * Outage exceptions of libraries this module does not depend on, recognised by class name: the
     * R2DBC SPI (connection and transient failures) and Lettuce. Spring's own translations of them
     * are matched by type.
     */
    private static final Set<String> OUTAGE_CLASS_NAMES = Set.of(
            "io.r2dbc.spi.R2dbcNonTransientResourceException",
            "io.r2dbc.spi.R2dbcTransientException",
            "io.lettuce.core.RedisConnectionException");
    private static final int MAX_CAUSE_DEPTH = 16;
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** A response to send: status, extra headers, body. */
    record Problem(HttpStatus status, HttpHeaders headers, ProblemDetail body) {

        String code() {
            return String.valueOf(body.getProperties() == null ? null : body.getProperties().get(CODE));
        }
    }

    static Problem of(Throwable failure) {
        return switch (failure) {
            case UseCaseException e -> withRetryAfter(problem(statusOf(e.code()), e.code().name(), e.getMessage()), e);
            case InvalidRequestException e -> invalid(e.errors());
            case InvalidValueException e -> invalid(List.of(new FieldError(e.field(), e.reason())));
            case ServerWebInputException e -> unreadable(e);
            case ErrorResponse e -> fromStatus(e);
            default -> isOutage(failure)
                    ? problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.name(),
                            "a service the gateway depends on is unavailable; try again shortly")
                    // the exception's message may name tables, hosts or classes: it stays in the log
                    : problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, "an unexpected error occurred");
        };
    }

    /** Logs what the operators need: server faults in full, client mistakes only when debugging. */
    static void report(Problem problem, Throwable failure, ServerHttpRequest request) {
        // the path only: query strings and headers may carry credentials
        String where = request.getMethod() + " " + request.getPath().value();
        if (problem.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("{} failed", where, failure);
        } else if (problem.status().is5xxServerError()) {
            log.warn("{} answered {} {}: {}", where, problem.status().value(), problem.code(), failure.toString());
        } else if (log.isDebugEnabled()) {
            // the type only: a parser's message quotes the body it choked on, and bodies hold passwords
            log.debug("{} answered {} {} ({})", where, problem.status().value(), problem.code(), failure.getClass().getName());
        }
    }

    static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            case EMAIL_TAKEN -> HttpStatus.CONFLICT;
            case INVALID_CREDENTIALS, UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case USER_NOT_FOUND, ROOM_NOT_FOUND, MESSAGE_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_A_MEMBER -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED, TOO_MANY_ATTEMPTS, LIMIT_REACHED -> HttpStatus.TOO_MANY_REQUESTS;
            case BROKER_UNAVAILABLE, OUTCOME_UNKNOWN, SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** RFC 9110 Retry-After, in whole seconds rounded up, when the refusal says when to come back. */
    private static Problem withRetryAfter(Problem problem, UseCaseException refusal) {
        refusal.retryAfter().ifPresent(pause -> problem.headers().set(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, (pause.toMillis() + 999) / 1000))));
        return problem;
    }

    private static Problem invalid(List<FieldError> errors) {
        Problem problem = problem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED,
                errors.size() == 1 ? "1 input is invalid" : errors.size() + " inputs are invalid");
        problem.body().setProperty(ERRORS, errors);
        return problem;
    }

    private static Problem unreadable(ServerWebInputException e) {
        if (causedBy(e, DecodingException.class)) {
            // bodies are read as JSON trees, so a decoding failure is always JSON that does not parse
            return problem(HttpStatus.BAD_REQUEST, MALFORMED_JSON, "the request body is not well-formed JSON");
        }
        if (e instanceof MissingRequestValueException missing) {
            if (isRequestAttribute(missing.getMethodParameter())) {
                // the caller attribute is the authentication filter's promise, never the client's omission
                return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, "an unexpected error occurred");
            }
            return invalid(List.of(new FieldError(missing.getName(), "is required")));
        }
        MethodParameter parameter = e.getMethodParameter();
        String field = parameter != null && parameter.getParameterName() != null ? parameter.getParameterName() : "request";
        return invalid(List.of(new FieldError(field, "has an invalid value")));
    }

    private static boolean isRequestAttribute(MethodParameter parameter) {
        return parameter != null && parameter.hasParameterAnnotation(RequestAttribute.class);
    }

    private static Problem fromStatus(ErrorResponse e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == null || status.is5xxServerError()) {
            return status == HttpStatus.SERVICE_UNAVAILABLE
                    ? problem(status, ErrorCode.SERVICE_UNAVAILABLE.name(), "the service is unavailable; try again shortly")
                    : problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, "an unexpected error occurred");
        }
        Problem problem = switch (status) {
            case NOT_FOUND -> problem(status, "NOT_FOUND", "nothing here: no endpoint matches this path");
            case METHOD_NOT_ALLOWED -> problem(status, "METHOD_NOT_ALLOWED", "this endpoint does not take that method; the Allow header lists those it takes");
            case NOT_ACCEPTABLE -> problem(status, "NOT_ACCEPTABLE", "this endpoint answers in JSON; accept application/json");
            case CONTENT_TOO_LARGE -> problem(status, "PAYLOAD_TOO_LARGE", "the request body is larger than the server accepts");
            case UNSUPPORTED_MEDIA_TYPE -> problem(status, "UNSUPPORTED_MEDIA_TYPE", "the request body must be JSON: send Content-Type: application/json");
            case BAD_REQUEST -> problem(status, VALIDATION_FAILED, "the request is not valid");
            default -> problem(status, status.name(), status.getReasonPhrase());
        };
        // Allow for 405, Accept for 415: what the client needs to retry correctly
        problem.headers().addAll(e.getHeaders());
        return problem;
    }

    private static Problem problem(HttpStatus status, String code, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setProperty(CODE, code);
        HttpHeaders headers = new HttpHeaders();
        if (status == HttpStatus.UNAUTHORIZED) {
            // RFC 9110: every 401 names the scheme that would work
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return new Problem(status, headers, body);
    }

    private static boolean isOutage(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++, current = current.getCause()) {
            if (current instanceof DataAccessResourceFailureException
                    || current instanceof TransientDataAccessException
                    || current instanceof ConnectException
                    || current instanceof TimeoutException
                    || hasOutageClassName(current.getClass())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOutageClassName(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (OUTAGE_CLASS_NAMES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++, current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }
}
