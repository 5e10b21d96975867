package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomDescriptionTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t"})
    void noDescriptionIsNone(String raw) {
        RoomDescription description = RoomDescription.of(raw);

        assertThat(description).isSameAs(RoomDescription.NONE);
        assertThat(description.isEmpty()).isTrue();
        assertThat(description.value()).isEmpty();
    }

    @Test
    void theConstructorAlsoTurnsNullIntoAnEmptyDescription() {
        RoomDescription description = new RoomDescription(null);

        assertThat(description.value()).isEmpty();
        assertThat(description).isEqualTo(RoomDescription.NONE);
    }

    @Test
    void aDescriptionIsTrimmedAndKeepsItsLineBreaks() {
        RoomDescription description = RoomDescription.of("  Line one\n\tLine two  ");

        assertThat(description.value()).isEqualTo("Line one\n\tLine two");
        assertThat(description.isEmpty()).isFalse();
    }

    @Test
    void fiveHundredCharactersAreAllowedAndFiveHundredAndOneAreNot() {
        assertThat(RoomDescription.of("d".repeat(500)).value()).hasSize(500);
        assertThat(refused("description", () -> RoomDescription.of("d".repeat(501))).reason())
                .isEqualTo("must be at most 500 characters");
    }

    @Test
    void emojiCountAsOneCharacterEach() {
        String fiveHundred = "\uD83D\uDE80".repeat(500);

        assertThat(RoomDescription.of(fiveHundred).value()).isEqualTo(fiveHundred);
        refused("description", () -> RoomDescription.of(fiveHundred + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"about\u0000this", "about\rthis", "about\u001Bthis", "about\uD83Dthis"})
    void controlCharactersOtherThanLineBreaksAndUnpairedSurrogatesAreRefused(String raw) {
        refused("description", () -> RoomDescription.of(raw));
    }
}
