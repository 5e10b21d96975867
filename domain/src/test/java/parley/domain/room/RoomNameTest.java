package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNameTest {

    @Test
    void aNameIsTrimmed() {
        assertThat(RoomName.of("  general  ").value()).isEqualTo("general");
    }

    @ParameterizedTest
    @CsvSource({"1, true", "100, true", "101, false"})
    void aNameHasOneToAHundredCharacters(int length, boolean accepted) {
        String raw = "r".repeat(length);
        if (accepted) {
            assertThat(RoomName.of(raw).value()).isEqualTo(raw);
        } else {
            assertThat(refused("name", () -> RoomName.of(raw)).reason()).isEqualTo("must be at most 100 characters");
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t \n"})
    void aBlankNameIsRefused(String raw) {
        refused("name", () -> RoomName.of(raw));
    }

    @Test
    void aHundredEmojiAreAHundredCharacters() {
        String hundred = "\uD83C\uDF89".repeat(100);

        assertThat(RoomName.of(hundred).value()).isEqualTo(hundred);
        refused("name", () -> RoomName.of(hundred + "!"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gen\u0000eral", "gen\neral", "gen\teral", "gen\u007Feral", "gen\uDC00eral"})
    void controlCharactersLineBreaksAndUnpairedSurrogatesAreRefused(String raw) {
        refused("name", () -> RoomName.of(raw));
    }

    @Test
    void toStringIsTheName() {
        assertThat(RoomName.of("general")).hasToString("general");
    }
}
