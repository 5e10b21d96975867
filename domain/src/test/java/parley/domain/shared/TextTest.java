package parley.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @Test
    void theValueIsTrimmedBeforeItIsChecked() {
        assertThat(Text.require("name", "  \t general \n ", 1, 7, false)).isEqualTo("general");
    }

    @Test
    void nullIsRequired() {
        assertThat(refused("name", () -> Text.require("name", null, 1, 10, false)).reason()).isEqualTo("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", "\n \t"})
    void blankIsRefusedWhenAtLeastOneCharacterIsRequired(String raw) {
        assertThat(refused("name", () -> Text.require("name", raw, 1, 10, true)).reason())
                .isEqualTo("must not be blank");
    }

    @Test
    void aLargerMinimumIsReportedAsSuch() {
        assertThat(refused("name", () -> Text.require("name", "ab", 3, 10, false)).reason())
                .isEqualTo("must be at least 3 characters");
        assertThat(Text.require("name", "abc", 3, 10, false)).isEqualTo("abc");
    }

    @ParameterizedTest
    @CsvSource({"1, true", "9, true", "10, true", "11, false"})
    void theMaximumIsInclusive(int length, boolean accepted) {
        String raw = "x".repeat(length);
        if (accepted) {
            assertThat(Text.require("name", raw, 1, 10, false)).hasSize(length);
        } else {
            assertThat(refused("name", () -> Text.require("name", raw, 1, 10, false)).reason())
                    .isEqualTo("must be at most 10 characters");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D\uDE00", "\uD83D\uDC4D", "\uD801\uDC37", "\uD834\uDD1E"})
    void aCharacterOutsideTheBasicPlaneCountsAsOne(String supplementary) {
        assertThat(Text.require("name", supplementary.repeat(3), 1, 3, false)).isEqualTo(supplementary.repeat(3));
        refused("name", () -> Text.require("name", supplementary.repeat(4), 1, 3, false));
    }

    @Test
    void combiningMarksAreCountedAsTheCodePointsTheyAre() {
        String eAcute = "e\u0301"; // two code points

        assertThat(Text.require("name", eAcute, 1, 2, false)).isEqualTo(eAcute);
        refused("name", () -> Text.require("name", eAcute + "x", 1, 2, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627", "abc \u200F\u05D0\u200E def"})
    void rightToLeftTextAndDirectionMarksAreKeptAsWritten(String rtl) {
        assertThat(Text.require("name", rtl, 1, 50, false)).isEqualTo(rtl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u0007", "\u0008", "\r", "\u000B", "\u001B", "\u007F", "\u0080", "\u0085", "\u009F"})
    void controlCharactersInsideTheValueAreRefused(String control) {
        String raw = "a" + control + "b";

        InvalidValueException e = refused("content", () -> Text.require("content", raw, 1, 100, true));
        assertThat(e.reason()).isEqualTo("contains a control character (U+%04X)".formatted((int) control.charAt(0)));
    }

    @Test
    void aNulIsRefusedEvenAtTheEdges() {
        refused("content", () -> Text.require("content", "\u0000hello", 1, 100, true));
        refused("content", () -> Text.require("content", "hello\u0000", 1, 100, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\t"})
    void newlineAndTabAreAllowedWhereLineBreaksAre(String lineBreak) {
        String raw = "one" + lineBreak + "two";

        assertThat(Text.require("content", raw, 1, 100, true)).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\t"})
    void newlineAndTabAreRefusedInNames(String lineBreak) {
        String raw = "one" + lineBreak + "two";

        refused("name", () -> Text.require("name", raw, 1, 100, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\uD83Db", "a\uDE00b", "\uD83D", "\uDE00", "a\uDE00\uD83Db", "ab\uD83D"})
    void unpairedSurrogatesAreRefused(String raw) {
        assertThat(refused("content", () -> Text.require("content", raw, 1, 100, true)).reason())
                .isEqualTo("contains an unpaired surrogate");
    }

    @Test
    void charactersAreCheckedBeforeTheLength() {
        String tooLongAndDirty = "x".repeat(20) + "\u0000";

        assertThat(refused("name", () -> Text.require("name", tooLongAndDirty, 1, 5, false)).reason())
                .startsWith("contains a control character");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\n\t "})
    void anOptionalValueThatIsNullOrBlankIsAbsent(String raw) {
        assertThat(Text.optional("description", raw, 10, true)).isNull();
    }

    @Test
    void anOptionalValueThatIsPresentFollowsTheSameRules() {
        assertThat(Text.optional("description", "  about  ", 10, true)).isEqualTo("about");
        assertThat(refused("description", () -> Text.optional("description", "x".repeat(11), 10, true)).reason())
                .isEqualTo("must be at most 10 characters");
        refused("description", () -> Text.optional("description", "a\u0000b", 10, true));
    }
}
