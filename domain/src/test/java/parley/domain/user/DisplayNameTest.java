package parley.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNameTest {

    @Test
    void aNameIsTrimmed() {
        assertThat(DisplayName.of("  Alice  ").value()).isEqualTo("Alice");
    }

    @ParameterizedTest
    @CsvSource({"1, true", "2, true", "49, true", "50, true", "51, false"})
    void aNameHasOneToFiftyCharacters(int length, boolean accepted) {
        String raw = "n".repeat(length);
        if (accepted) {
            assertThat(DisplayName.of(raw).value()).isEqualTo(raw);
        } else {
            assertThat(refused("displayName", () -> DisplayName.of(raw)).reason())
                    .isEqualTo("must be at most 50 characters");
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anEmptyNameIsRefused(String raw) {
        refused("displayName", () -> DisplayName.of(raw));
    }

    @Test
    void fiftyEmojiAreFiftyCharacters() {
        String fifty = "\uD83D\uDE00".repeat(50);

        assertThat(DisplayName.of(fifty).value()).isEqualTo(fifty);
        refused("displayName", () -> DisplayName.of(fifty + "\uD83D\uDE00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Al\u0000ice", "Al\nice", "Al\tice", "Al\u001Bice", "Al\u0085ice", "Al\uD800ice"})
    void controlCharactersLineBreaksAndUnpairedSurrogatesAreRefused(String raw) {
        refused("displayName", () -> DisplayName.of(raw));
    }

    @Test
    void rightToLeftNamesAreKept() {
        assertThat(DisplayName.of("\u05D3\u05E0\u05D4").value()).isEqualTo("\u05D3\u05E0\u05D4");
    }

    @Test
    void theDefaultNameIsTheLocalPartOfTheAddress() {
        assertThat(DisplayName.from(EmailAddress.of("Alice.Smith@Example.com")).value()).isEqualTo("alice.smith");
    }

    @Test
    void aLongLocalPartIsCutToFiftyCharacters() {
        String local = "abcdefghij".repeat(6); // 60

        assertThat(DisplayName.from(EmailAddress.of(local + "@example.com")).value()).isEqualTo(local.substring(0, 50));
    }

    @Test
    void aLocalPartOfExactlyFiftyCharactersIsKeptWhole() {
        String local = "x".repeat(50);

        assertThat(DisplayName.from(EmailAddress.of(local + "@example.com")).value()).isEqualTo(local);
    }

    @Test
    void cuttingTheDefaultNameCountsCodePointsAndNeverSplitsAnEmoji() {
        String emoji = "\uD83D\uDE00";
        String local = "a" + emoji.repeat(60);

        String name = DisplayName.from(EmailAddress.of(local + "@example.com")).value();

        assertThat(name).isEqualTo("a" + emoji.repeat(49));
        assertThat(name.codePointCount(0, name.length())).isEqualTo(50);
    }

    @Test
    void toStringIsTheName() {
        assertThat(DisplayName.of("Bob")).hasToString("Bob");
    }

    /**
     * An address whose local part could not be a display name (a C1 control, an unpaired surrogate)
     * is refused as "email", so registering without a display name never fails on a field the
     * client did not send.
     */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0085b@example.com", "a\uD800b@example.com"})
    void anAddressThatCouldNotNameItsUserIsRefusedAsTheEmail(String raw) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DisplayName.from(EmailAddress.of(raw)))
                .isInstanceOfSatisfying(parley.domain.shared.InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("email"));
    }
}
