package parley.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How sessions behave.
 *
 * @param refreshLifetime  how long a refresh token can be used; it slides: each refresh starts it again
 * @param fallbackCacheTtl with the deny-list unreachable, how long one gateway trusts a "not revoked"
 *                         answer of the sessions table: the bound on how late it notices a revocation then
 * @param fallbackCacheSize how many such answers it keeps (the least recently checked are dropped first)
 * @param denyListTimeout  how long a deny-list look-up may take before it counts as unreachable
 * @param denyListTtl      the least time a deny-list entry lives: entries live for the longer of this and the
 *                         revoking gateway's longest token validity, so that a gateway with a longer token
 *                         lifetime than the revoking one is not under-denied; also how far back a lost
 *                         deny-list is re-seeded from the sessions table. Keep it above every gateway's
 *                         token lifetime plus clock skew
 * @param retention        how long an ended session (revoked, or its refresh lifetime over) is kept before it is
 *                         deleted; at least {@code denyListTtl}, since a lost deny-list is re-seeded from those rows
 */
public record SessionPolicy(Duration refreshLifetime, Duration fallbackCacheTtl, int fallbackCacheSize, Duration denyListTimeout,
                            Duration denyListTtl, Duration retention) {

    public static final Duration DEFAULT_DENY_LIST_TTL = Duration.ofHours(24);

    public static final SessionPolicy DEFAULTS = new SessionPolicy(Duration.ofDays(30), Duration.ofSeconds(5), 100_000,
            Duration.ofMillis(500), DEFAULT_DENY_LIST_TTL, Duration.ofDays(7));

    public SessionPolicy {
        Objects.requireNonNull(refreshLifetime, "refreshLifetime");
        Objects.requireNonNull(fallbackCacheTtl, "fallbackCacheTtl");
        Objects.requireNonNull(denyListTimeout, "denyListTimeout");
        Objects.requireNonNull(denyListTtl, "denyListTtl");
        Objects.requireNonNull(retention, "retention");
        if (denyListTtl.isNegative() || denyListTtl.isZero()) {
            throw new IllegalArgumentException("the deny-list TTL must be positive");
        }
        if (refreshLifetime.isNegative() || refreshLifetime.isZero() || denyListTimeout.isNegative() || denyListTimeout.isZero()) {
            throw new IllegalArgumentException("the refresh lifetime and the deny-list timeout must be positive");
        }
        if (retention.compareTo(denyListTtl) < 0) {
            throw new IllegalArgumentException("the retention of ended sessions (" + retention + ") must be at least the deny-list TTL ("
                    + denyListTtl + "): a lost deny-list is re-seeded from those sessions");
        }
        if (fallbackCacheTtl.isNegative() || fallbackCacheSize < 1) {
            throw new IllegalArgumentException("the fallback cache needs a time to live of zero or more and room for one entry");
        }
    }

    /** How long the entries of a revocation live: the longer of {@link #denyListTtl()} and the longest a token verifies here. */
    public Duration denyListTtl(Duration longestTokenValidity) {
        return longestTokenValidity.compareTo(denyListTtl) > 0 ? longestTokenValidity : denyListTtl;
    }
}
