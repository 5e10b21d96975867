package parley.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void anAddressIsNormalisedToLowerCase() {
        assertThat(EmailAddress.of("Alice.Smith@Example.COM").value()).isEqualTo("alice.smith@example.com");
    }

    @Test
    void theSamePersonTypedInAnotherCaseIsTheSameAddress() {
        assertThat(EmailAddress.of("BOB@example.com")).isEqualTo(EmailAddress.of("bob@EXAMPLE.com"));
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertThat(EmailAddress.of("  carol@example.com\t").value()).isEqualTo("carol@example.com");
    }

    @Test
    void lowerCasingDoesNotDependOnTheDefaultLocale() {
        // in a Turkish locale "I".toLowerCase() would be a dotless i
        assertThat(EmailAddress.of("IVAN@EXAMPLE.COM").value()).isEqualTo("ivan@example.com");
    }

    @Test
    void toStringIsTheAddress() {
        assertThat(EmailAddress.of("Dave@Example.com")).hasToString("dave@example.com");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void aMissingAddressIsRequired(String raw) {
        assertThat(refused("email", () -> EmailAddress.of(raw)).reason()).isEqualTo("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "plainaddress", "@example.com", "alice@", "alice@example", "alice@@example.com",
            "alice@bob@example.com", "alice smith@example.com", "alice@exa mple.com", "alice@example.",
            "alice\u0000@example.com", "alice@example.com\u0007x", "alice@example.c\u007Fom"})
    void somethingThatIsNotAnAddressIsRefused(String raw) {
        assertThat(refused("email", () -> EmailAddress.of(raw)).reason()).isEqualTo("must be an e-mail address");
    }

    @Test
    void anAddressOf254CharactersIsAcceptedAnd255IsNot() {
        String domain = "@example.com"; // 12
        String ok = "a".repeat(254 - domain.length()) + domain;
        String tooLong = "a".repeat(255 - domain.length()) + domain;

        assertThat(EmailAddress.of(ok).value()).hasSize(254);
        assertThat(refused("email", () -> EmailAddress.of(tooLong)).reason()).isEqualTo("must be at most 254 characters");
    }

    @Test
    void theLengthIsMeasuredAfterTrimming() {
        String domain = "@example.com";
        String padded = "   " + "a".repeat(254 - domain.length()) + domain + "   ";

        assertThat(EmailAddress.of(padded).value()).hasSize(254);
    }

    /**
     * BUG (EmailAddress): the pattern's {@code \p{Cntrl}} and {@code \s} are ASCII-only, so C1 control
     * characters (U+0080..U+009F) and unpaired surrogates pass. A lone surrogate cannot be encoded as
     * UTF-8 (the value turns into "a?b@example.com" on the way to the database), and
     * DisplayName.from(email) then refuses the address the domain has just accepted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0085b@example.com", "a\u009Fb@example.com", "a\uD800b@example.com", "a@exam\uDC00ple.com"})
    void controlCharactersAndUnpairedSurrogatesOutsideAsciiAreRefused(String raw) {
        refused("email", () -> EmailAddress.of(raw));
    }
}
