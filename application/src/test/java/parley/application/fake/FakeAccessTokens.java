package parley.application.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import parley.application.model.AccessToken;
import parley.application.port.out.AccessTokens;
import parley.domain.shared.Ulid;
import parley.domain.user.UserId;

/** Tokens of the form {@code token-<userId>}; anything else, or a revoked user's token, does not verify. */
public final class FakeAccessTokens implements AccessTokens {

    public static final String PREFIX = "token-";
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofMinutes(15);

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

    @Override
    public Optional<UserId> verify(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = token.substring(PREFIX.length());
        // only the exact form issue() produces verifies: no lower-case or otherwise altered copies
        if (!Ulid.isValid(id) || !id.equals(UserId.of(id).value())) {
            return Optional.empty();
        }
        UserId userId = UserId.of(id);
        return revoked.contains(userId) ? Optional.empty() : Optional.of(userId);
    }

    /** Makes the user's tokens stop verifying, as expiry would. */
    public void revoke(UserId userId) {
        revoked.add(userId);
    }
}
