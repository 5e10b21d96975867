package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTypeTest {

    @Test
    void noTypeMeansText() {
        assertThat(MessageType.parse(null)).isEqualTo(MessageType.TEXT);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theWireNameOfEachTypeIsParsed(MessageType type) {
        assertThat(MessageType.parse(type.name())).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "text", "Image", " TEXT", "TEXT ", "VIDEO", "FILE"})
    void anythingElseIsRefused(String text) {
        assertThat(refused("messageType", () -> MessageType.parse(text)).reason()).isEqualTo("must be TEXT or IMAGE");
    }
}
