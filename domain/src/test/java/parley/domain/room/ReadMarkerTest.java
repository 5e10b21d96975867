package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.messageId;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parley.domain.message.MessageId;

class ReadMarkerTest {

    static Stream<Arguments> markers() {
        return Stream.of(
                Arguments.of("nothing read, nothing proposed", null, null, null),
                Arguments.of("nothing read yet", null, messageId(5), messageId(5)),
                Arguments.of("nothing proposed", messageId(5), null, messageId(5)),
                Arguments.of("a newer message", messageId(5), messageId(9), messageId(9)),
                Arguments.of("an older message", messageId(9), messageId(5), messageId(9)),
                Arguments.of("the same message", messageId(7), messageId(7), messageId(7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markers")
    void theLaterMarkerWinsSoAMarkerNeverMovesBack(String situation, MessageId current, MessageId proposed, MessageId expected) {
        assertThat(ReadMarker.later(current, proposed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markers")
    void theOrderOfTheArgumentsDoesNotChangeTheLaterOfTwoMarkers(String situation, MessageId a, MessageId b, MessageId expected) {
        assertThat(ReadMarker.later(b, a)).isEqualTo(expected);
    }

    @Test
    void aLowerCaseProposalIsComparedByItsCanonicalValue() {
        MessageId current = MessageId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ");
        MessageId olderInLowerCase = MessageId.of("01arz3ndektsv4rrffq69g5fav");

        assertThat(ReadMarker.later(current, olderInLowerCase)).isEqualTo(current);
    }
}
