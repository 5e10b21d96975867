package parley.application.model;

import java.util.Objects;
import parley.domain.session.SessionId;

/** What signing in and refreshing give: an access token for the session and the refresh token that renews it. */
public record IssuedTokens(SessionId sessionId, AccessToken access, RefreshToken refresh) {
    public IssuedTokens {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(refresh, "refresh");
    }
}
