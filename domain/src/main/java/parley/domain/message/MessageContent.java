package parley.domain.message;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import parley.domain.shared.InvalidValueException;
import parley.domain.shared.Text;

/**
 * What a message says. {@code TEXT}: 1..5000 characters after trimming (stored trimmed), no control
 * characters except newline and tab. {@code IMAGE}: an absolute https URL of at most 2048
 * characters, which clients render and the server never fetches.
 */
public record MessageContent(MessageType type, String value) {

    public static final int MAX_TEXT_LENGTH = 5000;
    public static final int MAX_URL_LENGTH = 2048;

    public MessageContent {
        Objects.requireNonNull(type, "type");
        value = switch (type) {
            case TEXT -> Text.require("content", value, 1, MAX_TEXT_LENGTH, true);
            case IMAGE -> requireImageUrl(value);
        };
    }

    public static MessageContent text(String value) {
        return new MessageContent(MessageType.TEXT, value);
    }

    public static MessageContent image(String url) {
        return new MessageContent(MessageType.IMAGE, url);
    }

    private static String requireImageUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException("content", "is required");
        }
        String url = raw.strip();
        try {
            Text.checkCharacters("content", url, false);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("content", "an image must be an absolute https:// URL");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidValueException("content", "an image URL must be at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new InvalidValueException("content", "an image must be an absolute https:// URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidValueException("content", "an image must be an absolute https:// URL");
        }
        return url;
    }
}
