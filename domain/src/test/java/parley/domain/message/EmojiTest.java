package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.domain.shared.InvalidValueException;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {"👍", "😀", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "❤️", "1️⃣", "🇩🇪", "🏳️‍🌈", "☺"})
    void oneEmojiIsAReaction(String emoji) {
        assertThat(Emoji.of(emoji).value()).isEqualTo(emoji);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "1", "!", " ", "👍👍", "👍 ", "ok", "\u200D", "\uFE0F", "hello 👍"})
    void anythingButExactlyOneEmojiIsRefused(String notOne) {
        assertThatThrownBy(() -> Emoji.of(notOne)).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("emoji");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 33})
    void emptyAndOverlongAreRefused(int bytes) {
        // a family of ten people joined by zero-width joiners is one grapheme but far over 32 bytes
        String value = bytes == 0 ? "" : "👩‍".repeat(10) + "👩";
        assertThatThrownBy(() -> Emoji.of(value)).isInstanceOf(InvalidValueException.class);
    }

    @org.junit.jupiter.api.Test
    void nullIsRefused() {
        assertThatThrownBy(() -> Emoji.of(null)).isInstanceOf(InvalidValueException.class);
    }
}
