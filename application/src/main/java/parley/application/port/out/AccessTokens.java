package parley.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import parley.domain.user.UserId;

/** Issues and verifies the bearer tokens that carry a user's identity. */
public interface AccessTokens {

    AccessToken issue(UserId userId);

    /** The user a valid token speaks for; empty for a forged, expired, malformed or foreign token. */
    Optional<UserId> verify(String token);

    record AccessToken(String value, Duration expiresIn) {
        public AccessToken {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresIn, "expiresIn");
        }

        @Override
        public String toString() {
            return "AccessToken[expiresIn=" + expiresIn + "]";
        }
    }
}
