package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageContentTest {

    private static final String SMILE = "\uD83D\uDE00";

    // ---- TEXT ----

    @Test
    void textIsStoredTrimmed() {
        MessageContent content = MessageContent.text("  \n hello \t ");

        assertThat(content.type()).isEqualTo(MessageType.TEXT);
        assertThat(content.value()).isEqualTo("hello");
    }

    @Test
    void textIsTrimmedBeforeItIsCounted() {
        String padded = "  \n" + "a".repeat(5000) + "\t  ";

        assertThat(MessageContent.text(padded).value()).hasSize(5000);
    }

    @ParameterizedTest
    @CsvSource({"1, true", "2, true", "4999, true", "5000, true", "5001, false"})
    void textHasOneToFiveThousandCharacters(int length, boolean accepted) {
        String raw = "a".repeat(length);
        if (accepted) {
            assertThat(MessageContent.text(raw).value()).isEqualTo(raw);
        } else {
            assertThat(refused("content", () -> MessageContent.text(raw)).reason())
                    .isEqualTo("must be at most 5000 characters");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "\t", " \n\t "})
    void blankTextIsRefused(String raw) {
        assertThat(refused("content", () -> MessageContent.text(raw)).reason()).isEqualTo("must not be blank");
    }

    @Test
    void nullTextIsRequired() {
        assertThat(refused("content", () -> MessageContent.text(null)).reason()).isEqualTo("is required");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4999, 5000})
    void anEmojiCountsAsOneCharacter(int count) {
        String emoji = SMILE.repeat(count);

        assertThat(MessageContent.text(emoji).value()).isEqualTo(emoji);
    }

    @Test
    void fiveThousandAndOneEmojiAreTooMany() {
        refused("content", () -> MessageContent.text(SMILE.repeat(5001)));
    }

    @Test
    void fiveThousandEmojiAreAcceptedAlthoughTheyAreTenThousandJavaChars() {
        String emoji = SMILE.repeat(5000);

        assertThat(emoji.length()).isEqualTo(10_000);
        assertThat(MessageContent.text(emoji).value()).isEqualTo(emoji);
    }

    @Test
    void combiningMarksAreCountedAsCodePoints() {
        String eAcute = "e\u0301";

        assertThat(MessageContent.text(eAcute.repeat(2500)).value()).isEqualTo(eAcute.repeat(2500));
        refused("content", () -> MessageContent.text(eAcute.repeat(2500) + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD",
            "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
            "mixed \u202B\u05E2\u05D1\u05E8\u05D9\u05EA\u202C text",
            "\u200F\u05D0\u200E"})
    void rightToLeftTextIsKeptAsWritten(String rtl) {
        assertThat(MessageContent.text(rtl).value()).isEqualTo(rtl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u0007", "\u0008", "\r", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F", "\u0085", "\u009B"})
    void controlCharactersAreRefused(String control) {
        String raw = "before" + control + "after";

        assertThat(refused("content", () -> MessageContent.text(raw)).reason()).startsWith("contains a control character");
    }

    @Test
    void aNulIsRefusedEvenAtTheEnd() {
        refused("content", () -> MessageContent.text("hello\u0000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "column\tcolumn", "a\n\n\tb"})
    void newlineAndTabAreAllowedInsideText(String raw) {
        assertThat(MessageContent.text(raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hi \uD83D", "hi \uDE00 there", "\uDE00\uD83D", "\uD83D"})
    void unpairedSurrogatesAreRefused(String raw) {
        assertThat(refused("content", () -> MessageContent.text(raw)).reason()).isEqualTo("contains an unpaired surrogate");
    }

    @Test
    void textThatLooksLikeAUrlIsStillText() {
        MessageContent content = MessageContent.text("http://example.com");

        assertThat(content.type()).isEqualTo(MessageType.TEXT);
        assertThat(content.value()).isEqualTo("http://example.com");
    }

    // ---- IMAGE ----

    @ParameterizedTest
    @ValueSource(strings = {
            "https://example.com/cat.png",
            "https://cdn.example.com:8443/a/b/c.jpg?size=large&v=2#top",
            "HTTPS://EXAMPLE.COM/CAT.PNG",
            "https://127.0.0.1/x.gif"})
    void anAbsoluteHttpsUrlIsAnImage(String url) {
        MessageContent content = MessageContent.image(url);

        assertThat(content.type()).isEqualTo(MessageType.IMAGE);
        assertThat(content.value()).isEqualTo(url);
    }

    @Test
    void anImageUrlIsTrimmed() {
        assertThat(MessageContent.image("  https://example.com/cat.png \n").value()).isEqualTo("https://example.com/cat.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://example.com/cat.png",
            "/images/cat.png",
            "images/cat.png",
            "cat.png",
            "//example.com/cat.png",
            "https://",
            "https:///cat.png",
            "https:cat.png",
            "ftp://example.com/cat.png",
            "javascript:alert(1)",
            "data:image/png;base64,iVBORw0KGgo=",
            "file:///etc/passwd",
            "https://example.com/a cat.png",
            "https://example.com/a\u0000.png"})
    void anythingButAnAbsoluteHttpsUrlIsRefusedForAnImage(String url) {
        assertThat(refused("content", () -> MessageContent.image(url)).reason())
                .isEqualTo("an image must be an absolute https:// URL");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anImageNeedsAUrl(String url) {
        assertThat(refused("content", () -> MessageContent.image(url)).reason()).isEqualTo("is required");
    }

    @Test
    void anImageUrlOf2048CharactersIsAcceptedAnd2049IsNot() {
        String prefix = "https://example.com/";
        String exactly2048 = prefix + "a".repeat(2048 - prefix.length());
        String exactly2049 = prefix + "a".repeat(2049 - prefix.length());

        assertThat(MessageContent.image(exactly2048).value()).hasSize(2048);
        assertThat(refused("content", () -> MessageContent.image(exactly2049)).reason())
                .isEqualTo("an image URL must be at most 2048 characters");
    }

    @Test
    void theTypeDecidesTheRules() {
        // a perfectly good TEXT is not an image, and a long but valid text is not limited to 2048
        refused("content", () -> new MessageContent(MessageType.IMAGE, "hello"));
        assertThat(new MessageContent(MessageType.TEXT, "x".repeat(3000)).value()).hasSize(3000);
    }

    @Test
    void aTypeIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new MessageContent(null, "hello"));
    }

    /**
     * BUG (MessageContent.requireImageUrl): IMAGE content does not go through the Text character
     * rules, and java.net.URI accepts an unpaired surrogate in the path, so a value that cannot be
     * encoded as UTF-8 is accepted (it arrives as '?' on the other side of the wire or the database).
     */
    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a\uD800.png", "https://example.com/a\uDC00.png"})
    void anImageUrlWithAnUnpairedSurrogateIsRefused(String url) {
        refused("content", () -> MessageContent.image(url));
    }
}
