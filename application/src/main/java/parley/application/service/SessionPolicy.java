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
 */
public record SessionPolicy(Duration refreshLifetime, Duration fallbackCacheTtl, int fallbackCacheSize, Duration denyListTimeout) {

    public static final SessionPolicy DEFAULTS = new SessionPolicy(Duration.ofDays(30), Duration.ofSeconds(5), 100_000,
            Duration.ofMillis(500));

    public SessionPolicy {
        Objects.requireNonNull(refreshLifetime, "refreshLifetime");
        Objects.requireNonNull(fallbackCacheTtl, "fallbackCacheTtl");
        Objects.requireNonNull(denyListTimeout, "denyListTimeout");
        if (refreshLifetime.isNegative() || refreshLifetime.isZero() || denyListTimeout.isNegative() || denyListTimeout.isZero()) {
            throw new IllegalArgumentException("the refresh lifetime and the deny-list timeout must be positive");
        }
        if (fallbackCacheTtl.isNegative() || fallbackCacheSize < 1) {
            throw new IllegalArgumentException("the fallback cache needs a time to live of zero or more and room for one entry");
        }
    }
}
