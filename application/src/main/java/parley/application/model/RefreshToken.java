package parley.application.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import parley.domain.session.RefreshSecret;
import parley.domain.session.SessionId;
import parley.domain.shared.InvalidValueException;

/**
 * An opaque refresh token, {@code <sessionId>.<secret>}, and how long it can be used; its value never
 * appears in {@link #toString()}.
 */
public record RefreshToken(String value, Duration expiresIn) {

    /** Far above the 70 characters of a real token: anything longer is refused before it is looked at. */
    public static final int MAX_LENGTH = 128;

    public RefreshToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    public static RefreshToken of(SessionId session, RefreshSecret secret, Duration expiresIn) {
        return new RefreshToken(session.value() + "." + secret.value(), expiresIn);
    }

    /** A presented token taken apart; empty for anything not of the form {@link #of} makes. */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        SessionId session;
        try {
            session = SessionId.of(token.substring(0, dot));
        } catch (InvalidValueException notAnId) {
            return Optional.empty();
        }
        return RefreshSecret.parse(token.substring(dot + 1)).map(secret -> new Parsed(session, secret));
    }

    /** The two halves of a presented token. */
    public record Parsed(SessionId sessionId, RefreshSecret secret) {
    }

    @Override
    public String toString() {
        return "RefreshToken[expiresIn=" + expiresIn + "]";
    }
}
