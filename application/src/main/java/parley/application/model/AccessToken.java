package parley.application.model;

import java.time.Duration;
import java.util.Objects;

/** A bearer token and how long it is valid; its value never appears in {@link #toString()}. */
public record AccessToken(String value, Duration expiresIn) {
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    @Override
    public String toString() {
        return "AccessToken[expiresIn=" + expiresIn + "]";
    }
}
