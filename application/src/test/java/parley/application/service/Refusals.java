package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.domain.shared.InvalidValueException;

/** Assertions for "the use case said no, with this code" and "the input was refused, naming this field". */
final class Refusals {

    private Refusals() {
    }

    static Consumer<Throwable> refusedWith(ErrorCode code) {
        return error -> assertThat(error)
                .isInstanceOfSatisfying(UseCaseException.class, refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    static Consumer<Throwable> invalid(String field) {
        return error -> assertThat(error)
                .isInstanceOfSatisfying(InvalidValueException.class, invalid -> assertThat(invalid.field()).isEqualTo(field));
    }
}
