package parley.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {

    @Test
    void itNamesTheFieldAndTheRuleSeparately() {
        InvalidValueException e = new InvalidValueException("displayName", "must not be blank");

        assertThat(e.field()).isEqualTo("displayName");
        assertThat(e.reason()).isEqualTo("must not be blank");
        assertThat(e.getMessage()).isEqualTo("displayName: must not be blank");
    }

    @Test
    void itIsAnIllegalArgumentSoGenericHandlersStillCatchIt() {
        assertThat(new InvalidValueException("f", "r")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReasonThatContainsAColonIsKeptWhole() {
        InvalidValueException e = new InvalidValueException("content", "contains a control character: U+0000");

        assertThat(e.reason()).isEqualTo("contains a control character: U+0000");
    }
}
