package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static parley.domain.Fixtures.messageId;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadMarkerTest {

    static Stream<Arguments> markers() {
        return Stream.of(
                Arguments.of("nothing read, nothing proposed", null, null, null),
                Arguments.of("nothing read yet", null, at(5), at(5)),
                Arguments.of("nothing proposed", at(5), null, at(5)),
                Arguments.of("a newer message", at(5), at(9), at(9)),
                Arguments.of("an older message", at(9), at(5), at(9)),
                Arguments.of("the same message", at(7), at(7), at(7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markers")
    void theLaterMarkerWinsSoAMarkerNeverMovesBack(String situation, ReadPosition current, ReadPosition proposed, ReadPosition expected) {
        assertThat(ReadMarker.later(current, proposed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markers")
    void theOrderOfTheArgumentsDoesNotChangeTheLaterOfTwoMarkers(String situation, ReadPosition a, ReadPosition b, ReadPosition expected) {
        assertThat(ReadMarker.later(b, a)).isEqualTo(expected);
    }

    @Test
    void laterMeansAHigherSeqWhateverTheIds() {
        ReadPosition current = new ReadPosition(messageId(1), 10);
        ReadPosition largerId = new ReadPosition(messageId(90), 3);

        assertThat(ReadMarker.later(current, largerId)).isEqualTo(current);
    }

    @Test
    void aPositionIsAStoredMessagesSeq() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReadPosition(messageId(1), 0));
    }

    private static ReadPosition at(int n) {
        return new ReadPosition(messageId(n), n);
    }
}
