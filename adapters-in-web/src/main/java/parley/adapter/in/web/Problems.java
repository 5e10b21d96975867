package parley.adapter.in.web;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
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
 * stable {@code code} (and {@code message}, equal to {@code detail}), and the headers that status calls for. {@link ProblemAdvice} and
 * {@link ProblemExceptionHandler} both answer through here, so a failure reads the same whether it
 * happened in a controller, in routing or in the authentication filter.
 */
final class Problems {

    static final String CODE = "code";
    /** {@code detail} once more, for clients written for the NestJS gateway, which show {@code body.message}. */
    static final String MESSAGE = "message";
    static final String ERRORS = "errors";
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

    /**
     * REST's own failures (unreadable requests, routing) first; everything else as the sockets
     * answer it too ({@link Failure}), with the status of its code. Outages arrive translated by
     * the out-adapters, as SERVICE_UNAVAILABLE; an exception no one translated is a bug, and its
     * message (which may name tables, hosts or classes) stays in the log.
     */
    static Problem of(Throwable failure) {
        return switch (failure) {
            case UseCaseException e -> withRetryAfter(problem(e.code(), e.getMessage()), e);
            case InvalidRequestException e -> invalid(e.errors());
            case InvalidValueException e -> invalid(List.of(new FieldError(e.field(), e.reason())));
            case ServerWebInputException e -> unreadable(e);
            case ErrorResponse e -> fromStatus(e);
            default -> problem(Failure.of(failure));
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
            case VALIDATION_FAILED, MALFORMED_JSON -> HttpStatus.BAD_REQUEST;
            case EMAIL_TAKEN -> HttpStatus.CONFLICT;
            case INVALID_CREDENTIALS, UNAUTHORIZED, REFRESH_TOKEN_REUSED -> HttpStatus.UNAUTHORIZED;
            case USER_NOT_FOUND, ROOM_NOT_FOUND, MESSAGE_NOT_FOUND, SESSION_NOT_FOUND, MEMBER_NOT_FOUND, NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_A_MEMBER, NOT_ALLOWED, BANNED -> HttpStatus.FORBIDDEN;
            case DIRECT_ROOM, ALREADY_MEMBER -> HttpStatus.CONFLICT;
            case RATE_LIMITED, TOO_MANY_ATTEMPTS, LIMIT_REACHED -> HttpStatus.TOO_MANY_REQUESTS;
            case BROKER_UNAVAILABLE, OUTCOME_UNKNOWN, SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            // socket-only codes; should one ever reach REST it is the server's fault
            case UNSUPPORTED_FRAME, FRAME_TOO_LARGE, MALFORMED_FRAME, UNKNOWN_TYPE, CATCH_UP_FAILED, INTERNAL_ERROR ->
                    HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** RFC 9110 Retry-After, in whole seconds rounded up, when the refusal says when to come back. */
    private static Problem withRetryAfter(Problem problem, UseCaseException refusal) {
        refusal.retryAfter().ifPresent(pause -> problem.headers().set(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, (pause.toMillis() + 999) / 1000))));
        return problem;
    }

    private static Problem invalid(List<FieldError> errors) {
        Problem problem = problem(ErrorCode.VALIDATION_FAILED,
                errors.size() == 1 ? "1 input is invalid" : errors.size() + " inputs are invalid");
        problem.body().setProperty(ERRORS, errors);
        return problem;
    }

    private static Problem unreadable(ServerWebInputException e) {
        if (causedBy(e, DecodingException.class)) {
            // bodies are read as JSON trees, so a decoding failure is always JSON that does not parse
            return problem(ErrorCode.MALFORMED_JSON, "the request body is not well-formed JSON");
        }
        if (e instanceof MissingRequestValueException missing) {
            if (isRequestAttribute(missing.getMethodParameter())) {
                // the caller attribute is the authentication filter's promise, never the client's omission
                return problem(Failure.internal());
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
                    ? problem(ErrorCode.SERVICE_UNAVAILABLE, "the service is unavailable; try again shortly")
                    : problem(Failure.internal());
        }
        Problem problem = switch (status) {
            case NOT_FOUND -> problem(ErrorCode.NOT_FOUND, "nothing here: no endpoint matches this path");
            case METHOD_NOT_ALLOWED -> problem(ErrorCode.METHOD_NOT_ALLOWED, "this endpoint does not take that method; the Allow header lists those it takes");
            case NOT_ACCEPTABLE -> problem(ErrorCode.NOT_ACCEPTABLE, "this endpoint answers in JSON; accept application/json");
            case CONTENT_TOO_LARGE -> problem(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than the server accepts");
            case UNSUPPORTED_MEDIA_TYPE -> problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request body must be JSON: send Content-Type: application/json");
            // any other client error Spring raises on its own is a request that is not valid
            default -> problem(status, ErrorCode.VALIDATION_FAILED, "the request is not valid");
        };
        // Allow for 405, Accept for 415: what the client needs to retry correctly
        problem.headers().addAll(e.getHeaders());
        return problem;
    }

    private static Problem problem(Failure failure) {
        return problem(failure.code(), failure.message());
    }

    private static Problem problem(ErrorCode code, String detail) {
        return problem(statusOf(code), code, detail);
    }

    private static Problem problem(HttpStatus status, ErrorCode code, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setProperty(CODE, code.name());
        body.setProperty(MESSAGE, detail);
        HttpHeaders headers = new HttpHeaders();
        if (status == HttpStatus.UNAUTHORIZED) {
            // RFC 9110: every 401 names the scheme that would work
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return new Problem(status, headers, body);
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
