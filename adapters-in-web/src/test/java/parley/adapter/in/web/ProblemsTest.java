package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.out.DependencyUnavailableException;
import parley.domain.shared.InvalidValueException;

class ProblemsTest {

    @ParameterizedTest
    @CsvSource({
            "VALIDATION_FAILED, 400",
            "EMAIL_TAKEN, 409",
            "INVALID_CREDENTIALS, 401",
            "UNAUTHORIZED, 401",
            "USER_NOT_FOUND, 404",
            "ROOM_NOT_FOUND, 404",
            "NOT_A_MEMBER, 403",
            "MESSAGE_NOT_FOUND, 404",
            "RATE_LIMITED, 429",
            "TOO_MANY_ATTEMPTS, 429",
            "LIMIT_REACHED, 429",
            "OUTCOME_UNKNOWN, 503",
            "BROKER_UNAVAILABLE, 503",
            "SERVICE_UNAVAILABLE, 503"})
    void everyUseCaseCodeHasItsStatusAndTravelsAsTheProblemCode(ErrorCode code, int status) {
        Problems.Problem problem = Problems.of(new UseCaseException(code, "told to the client"));

        assertThat(problem.status().value()).isEqualTo(status);
        assertThat(problem.body().getStatus()).isEqualTo(status);
        assertThat(problem.body().getProperties()).containsEntry("code", code.name());
        assertThat(problem.body().getDetail()).isEqualTo("told to the client");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UNAUTHORIZED", "INVALID_CREDENTIALS"})
    void every401ChallengesForABearerToken(ErrorCode code) {
        assertThat(Problems.of(new UseCaseException(code, "no")).headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void aRefusalThatSaysWhenToComeBackCarriesRetryAfterInWholeSecondsRoundedUp() {
        var refusal = UseCaseException.retryAfter(ErrorCode.TOO_MANY_ATTEMPTS, "slow down", java.time.Duration.ofMillis(1500));

        Problems.Problem problem = Problems.of(refusal);

        assertThat(problem.status().value()).isEqualTo(429);
        assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(Problems.of(new UseCaseException(ErrorCode.RATE_LIMITED, "no")).headers().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    @Test
    void anInvalidDomainValueIsAValidationFailureNamingItsField() {
        Problems.Problem problem = Problems.of(new InvalidValueException("name", "must not be blank"));

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.body().getProperties())
                .containsEntry("code", "VALIDATION_FAILED")
                .containsEntry("errors", List.of(new FieldError("name", "must not be blank")));
    }

    // the out-adapters translate outages at their boundary (PostgresFailuresTest, RedisFailuresTest): here they are one type
    @Test
    void aDependencyOutageIsServiceUnavailableWithoutItsDetails() {
        var outage = new DependencyUnavailableException("the database", new IllegalStateException("connection to db:5432 refused"));

        Problems.Problem problem = Problems.of(outage);

        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.body().getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
        assertThat(problem.body().getDetail()).isEqualTo("the database is unavailable; try again shortly");
    }

    @Test
    void theSocketsAndRestTellAFailureWithTheSameCode() {
        var outage = new DependencyUnavailableException("Redis", null);

        assertThat(Failure.of(outage).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(Problems.of(outage).code()).isEqualTo(Failure.of(outage).code().name());
        assertThat(Problems.of(new IllegalStateException("x")).code()).isEqualTo(Failure.of(new IllegalStateException("x")).code().name());
    }

    static Stream<Throwable> everyKindOfFailure() {
        return Stream.of(
                new UseCaseException(ErrorCode.ROOM_NOT_FOUND, "room x does not exist"),
                UseCaseException.retryAfter(ErrorCode.TOO_MANY_ATTEMPTS, "slow down", java.time.Duration.ofSeconds(3)),
                new UseCaseException(ErrorCode.UNAUTHORIZED, "the token is invalid or expired"),
                new InvalidValueException("name", "must not be blank"),
                new InvalidRequestException(List.of(new FieldError("a", "is not a known field"), new FieldError("b", "is required"))),
                new ServerWebInputException("bad", null, new DecodingException("JSON decoding error")),
                new ResponseStatusException(HttpStatus.NOT_FOUND),
                new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED),
                new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE),
                new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT),
                new DependencyUnavailableException("the database", null),
                new IllegalStateException("a bug"));
    }

    // clients written for the NestJS gateway show body.message
    @ParameterizedTest
    @MethodSource("everyKindOfFailure")
    void everyProblemRepeatsItsDetailAsMessage(Throwable failure) {
        Problems.Problem problem = Problems.of(failure);

        assertThat(problem.body().getDetail()).isNotBlank();
        assertThat(problem.body().getProperties()).containsEntry("message", problem.body().getDetail());
    }

    @SuppressWarnings("unused")
    void handler(@RequestAttribute(BearerAuthenticationFilter.CALLER) String caller, @RequestParam("limit") String limit) {
    }

    @Test
    void aMissingCallerAttributeIsTheServersFaultNotTheClients() throws Exception {
        MethodParameter caller = new MethodParameter(getClass().getDeclaredMethod("handler", String.class, String.class), 0);

        Problems.Problem problem = Problems.of(new MissingRequestValueException(BearerAuthenticationFilter.CALLER, String.class, "request attribute", caller));

        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void aMissingRequestParameterIsAValidationFailureNamingIt() throws Exception {
        MethodParameter limit = new MethodParameter(getClass().getDeclaredMethod("handler", String.class, String.class), 1);

        Problems.Problem problem = Problems.of(new MissingRequestValueException("limit", String.class, "query parameter", limit));

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.body().getProperties()).containsEntry("errors", List.of(new FieldError("limit", "is required")));
    }

    @Test
    void anythingElseIsAnInternalErrorThatRevealsNothing() {
        Problems.Problem problem = Problems.of(new NullPointerException("Cannot invoke \"parley.secret.Thing.run()\""));

        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.body().getProperties()).isEqualTo(Map.of("code", "INTERNAL_ERROR", "message", problem.body().getDetail()));
        assertThat(problem.body().getDetail()).doesNotContain("parley.secret");
    }
}
