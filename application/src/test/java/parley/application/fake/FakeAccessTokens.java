package parley.application.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import parley.application.model.AccessToken;
import parley.application.model.Caller;
import parley.application.port.out.AccessTokens;
import parley.domain.session.SessionId;
import parley.domain.shared.Ulid;
import parley.domain.user.UserId;

/**
 * Tokens of the form {@code token-<userId>} or, for a session, {@code token-<userId>-<sessionId>};
 * anything else, or a revoked user's token, does not verify. They expire at {@link #EXPIRES_AT}.
 */
public final class FakeAccessTokens implements AccessTokens {

    public static final String PREFIX = "token-";
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofMinutes(15);
    public static final java.time.Instant EXPIRES_AT = java.time.Instant.parse("9999-01-01T00:00:00Z");

    private final Duration expiresIn;
    private final Set<UserId> revoked = ConcurrentHashMap.newKeySet();

    public FakeAccessTokens() {
        this(DEFAULT_EXPIRES_IN);
    }

    public FakeAccessTokens(Duration expiresIn) {
        this.expiresIn = Objects.requireNonNull(expiresIn, "expiresIn");
    }

    /** The token {@link #issue} gives {@code userId}. */
    public static String tokenFor(UserId userId) {
        return PREFIX + userId.value();
    }

    @Override
    public AccessToken issue(UserId userId) {
        return new AccessToken(tokenFor(userId), expiresIn);
    }

    /** The token {@link #issue(UserId, SessionId)} gives {@code userId} for {@code sessionId}. */
    public static String tokenFor(UserId userId, SessionId sessionId) {
        return PREFIX + userId.value() + "-" + sessionId.value();
    }

    @Override
    public AccessToken issue(UserId userId, SessionId sessionId) {
        return new AccessToken(tokenFor(userId, sessionId), expiresIn);
    }

    @Override
    public Optional<Caller> check(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = token.substring(PREFIX.length()).split("-", -1);
        if (parts.length > 2 || !canonical(parts[0]) || (parts.length == 2 && !canonical(parts[1]))) {
            return Optional.empty();
        }
        UserId userId = UserId.of(parts[0]);
        SessionId sessionId = parts.length == 2 ? SessionId.of(parts[1]) : null;
        return revoked.contains(userId) ? Optional.empty() : Optional.of(new Caller(userId, sessionId, EXPIRES_AT));
    }

    /** Only the exact form issue() produces verifies: no lower-case or otherwise altered copies. */
    private static boolean canonical(String id) {
        return Ulid.isValid(id) && id.equals(UserId.of(id).value());
    }

    @Override
    public Duration longestValidity() {
        return expiresIn;
    }

    /** Makes the user's tokens stop verifying, as expiry would. */
    public void revoke(UserId userId) {
        revoked.add(userId);
    }
}
