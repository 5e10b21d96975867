package parley.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import parley.domain.user.UserId;

/**
 * One sign-in of a user, from log-in until logout, revocation or the end of its refresh lifetime.
 * It keeps only hashes of its refresh secrets: the current one, and those it had before
 * ("superseded"), so that a copy of an old token gives itself away. The refresh lifetime slides: each
 * rotation moves it to {@code lifetime} after the rotation.
 *
 * @param revokedAt when it was revoked; null while it is not
 */
public record Session(SessionId id, UserId userId, Instant createdAt, Instant lastUsedAt, UserAgent userAgent,
                      Instant refreshExpiresAt, SecretHash currentSecret, List<SecretHash> supersededSecrets, Instant revokedAt) {

    /**
     * The most refreshes one session allows: every superseded secret is kept for the session's life
     * (so that any old copy of its token gives itself away), and this bounds that list and the row
     * holding it (32 bytes each). With hourly tokens it is about 41 days of continuous use; then the
     * session is {@link RefreshVerdict#EXHAUSTED} and its user signs in again.
     */
    public static final int MAX_SUPERSEDED = 1000;

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        Objects.requireNonNull(currentSecret, "currentSecret");
        supersededSecrets = List.copyOf(supersededSecrets);
        if (supersededSecrets.size() > MAX_SUPERSEDED) {
            throw new IllegalArgumentException("a session keeps at most " + MAX_SUPERSEDED + " superseded secrets");
        }
    }

    public static Session start(SessionId id, UserId userId, SecretHash secret, UserAgent userAgent, Instant now, Duration lifetime) {
        return new Session(id, userId, now, now, userAgent, now.plus(requirePositive(lifetime)), secret, List.of(), null);
    }

    /** Not revoked and within its refresh lifetime. */
    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(refreshExpiresAt);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** What to do with a presented secret. A revoked or expired session refuses every secret alike, without calling it reuse. */
    public RefreshVerdict judge(SecretHash presented, Instant now) {
        if (revokedAt != null) {
            return RefreshVerdict.REVOKED;
        }
        if (!now.isBefore(refreshExpiresAt)) {
            return RefreshVerdict.EXPIRED;
        }
        if (currentSecret.matches(presented)) {
            return supersededSecrets.size() < MAX_SUPERSEDED ? RefreshVerdict.ROTATE : RefreshVerdict.EXHAUSTED;
        }
        // every hash is compared, so the answer's timing does not say where in the list a match was
        boolean reused = false;
        for (SecretHash old : supersededSecrets) {
            reused |= old.matches(presented);
        }
        return reused ? RefreshVerdict.REUSED : RefreshVerdict.UNKNOWN;
    }

    /**
     * The session after a refresh: {@code next} is the current secret, the old one superseded, the expiry moved on.
     *
     * @throws IllegalStateException when it has had {@link #MAX_SUPERSEDED} refreshes already (judged {@link RefreshVerdict#EXHAUSTED})
     */
    public Session rotated(SecretHash next, Instant now, Duration lifetime) {
        if (supersededSecrets.size() >= MAX_SUPERSEDED) {
            throw new IllegalStateException("session " + id + " has had its " + MAX_SUPERSEDED + " refreshes");
        }
        List<SecretHash> superseded = new ArrayList<>(supersededSecrets.size() + 1);
        superseded.addAll(supersededSecrets);
        superseded.add(currentSecret);
        return new Session(id, userId, createdAt, now, userAgent, now.plus(requirePositive(lifetime)), Objects.requireNonNull(next, "next"),
                superseded, revokedAt);
    }

    /** The session revoked at {@code now}; one revoked already keeps its first revocation time. */
    public Session revoked(Instant now) {
        return revokedAt != null ? this : new Session(id, userId, createdAt, lastUsedAt, userAgent, refreshExpiresAt, currentSecret,
                supersededSecrets, Objects.requireNonNull(now, "now"));
    }

    private static Duration requirePositive(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a session's refresh lifetime must be positive, was " + lifetime);
        }
        return lifetime;
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + ", createdAt=" + createdAt + ", lastUsedAt=" + lastUsedAt
                + ", refreshExpiresAt=" + refreshExpiresAt + ", revokedAt=" + revokedAt + "]";
    }
}
