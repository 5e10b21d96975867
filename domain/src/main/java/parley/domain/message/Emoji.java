package parley.domain.message;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import parley.domain.shared.InvalidValueException;

/**
 * One reaction emoji (PROTOCOL-1.1 §3, §7): exactly one grapheme cluster of at most 32 bytes of
 * UTF-8 that is an emoji — one with an emoji presentation or an extended pictograph (😀, 👍🏽, 👩‍💻),
 * a text symbol asked to look like an emoji (❤️), a keycap (1️⃣) or a flag (🇩🇪). Plain letters,
 * digits, punctuation, two emoji, and whitespace are refused, so a reaction cannot carry a message.
 */
public record Emoji(String value) {

    public static final int MAX_BYTES = 32;
    private static final int VARIATION_EMOJI = 0xFE0F;
    private static final int KEYCAP = 0x20E3;

    public Emoji {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("emoji", "is required");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidValueException("emoji", "must be at most " + MAX_BYTES + " bytes");
        }
        if (graphemes(value) != 1) {
            throw new InvalidValueException("emoji", "must be exactly one emoji");
        }
        if (!looksLikeEmoji(value)) {
            throw new InvalidValueException("emoji", "must be an emoji");
        }
    }

    public static Emoji of(String value) {
        return new Emoji(value);
    }

    private static int graphemes(String text) {
        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText(text);
        int count = 0;
        while (characters.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    private static boolean looksLikeEmoji(String cluster) {
        int[] points = cluster.codePoints().toArray();
        boolean regionalPair = points.length == 2 && isRegionalIndicator(points[0]) && isRegionalIndicator(points[1]);
        if (regionalPair) {
            return true;
        }
        boolean emojiBase = Character.isEmoji(points[0]);
        for (int point : points) {
            if (Character.isEmojiPresentation(point) || (emojiBase && (point == VARIATION_EMOJI || point == KEYCAP))) {
                return true;
            }
        }
        // a pictograph without emoji presentation (☺) still counts when it is an emoji at all
        return Character.isExtendedPictographic(points[0]) && Character.isEmoji(points[0]);
    }

    private static boolean isRegionalIndicator(int point) {
        return point >= 0x1F1E6 && point <= 0x1F1FF;
    }

    @Override
    public String toString() {
        return value;
    }
}
