package parley.application.port.out;

import java.util.Optional;
import parley.application.model.AccessToken;
import parley.domain.user.UserId;

/** Issues and verifies the bearer tokens that carry a user's identity. */
public interface AccessTokens {

    AccessToken issue(UserId userId);

    /** The user a valid token speaks for; empty for a forged, expired, malformed or foreign token. */
    Optional<UserId> verify(String token);
}
