package parley.adapter.in.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import parley.application.service.SessionPolicy;

/**
 * How sessions behave ({@code parley.auth.sessions.*}); see docs/API.md, "Sessions".
 *
 * @param refreshLifetime   how long a refresh token can be used; each refresh starts it again (sliding)
 * @param fallbackCacheTtl  with Redis down, how long a gateway trusts the sessions table's "not revoked":
 *                          the longest a revoked session's access token can still pass on that gateway then
 * @param fallbackCacheSize how many of those answers a gateway keeps
 * @param denyListTimeout   how long a deny-list look-up may take before the sessions table is asked instead
 * @param denyListTtl       the least time a deny-list entry lives (the longer of this and this gateway's token
 *                          lifetime plus clock skew), and how far back a lost deny-list is re-seeded from the
 *                          sessions table: keep it above the longest token lifetime of every gateway
 * @param retention         how long an ended session (revoked or expired) stays in the table before it is deleted;
 *                          at least {@code denyListTtl}
 * @param purgeInterval     how often this gateway deletes the sessions ended longer than {@code retention} ago
 */
@ConfigurationProperties("parley.auth.sessions")
public record SessionSettings(
        @DefaultValue("30d") Duration refreshLifetime,
        @DefaultValue("5s") Duration fallbackCacheTtl,
        @DefaultValue("100000") int fallbackCacheSize,
        @DefaultValue("500ms") Duration denyListTimeout,
        @DefaultValue("24h") Duration denyListTtl,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval) {

    public SessionSettings {
        // the core's rules, checked at start-up with the property names
        try {
            new SessionPolicy(refreshLifetime, fallbackCacheTtl, fallbackCacheSize, denyListTimeout, denyListTtl, retention);
            if (purgeInterval == null || purgeInterval.isNegative() || purgeInterval.isZero()) {
                throw new IllegalArgumentException("the purge interval must be positive, was " + purgeInterval);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("parley.auth.sessions: " + e.getMessage(), e);
        }
    }

    public SessionPolicy policy() {
        return new SessionPolicy(refreshLifetime, fallbackCacheTtl, fallbackCacheSize, denyListTimeout, denyListTtl, retention);
    }
}
