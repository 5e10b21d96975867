package parley.adapter.in.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many sign-in attempts (login and registration) are allowed ({@code parley.auth.throttle.*}).
 * Each limit is a budget that refills evenly over its window; an attempt beyond it gets 429
 * {@code TOO_MANY_ATTEMPTS} with Retry-After. Counted per gateway.
 *
 * @param emailAttempts   attempts for one e-mail address, from anywhere
 * @param emailWindow     over which they refill
 * @param addressAttempts attempts from one client address, whatever the e-mails (a shared NAT counts once)
 * @param addressWindow   over which they refill
 * @param rememberedKeys  e-mails and addresses whose budgets are kept (each); the least recently used are forgotten
 * @param lookupAttempts  look-ups of a user by e-mail ({@code GET /users?email=}) by one account
 * @param lookupWindow    over which they refill
 */
@ConfigurationProperties("parley.auth.throttle")
record SignInThrottleSettings(
        @DefaultValue("10") int emailAttempts,
        @DefaultValue("15m") Duration emailWindow,
        @DefaultValue("100") int addressAttempts,
        @DefaultValue("1m") Duration addressWindow,
        @DefaultValue("100000") int rememberedKeys,
        @DefaultValue("30") int lookupAttempts,
        @DefaultValue("1m") Duration lookupWindow) {

    SignInThrottleSettings {
        if (emailAttempts < 1 || addressAttempts < 1 || rememberedKeys < 1 || lookupAttempts < 1) {
            throw new IllegalArgumentException("parley.auth.throttle limits must be at least 1");
        }
        if (emailWindow.isNegative() || emailWindow.isZero() || addressWindow.isNegative() || addressWindow.isZero()
                || lookupWindow.isNegative() || lookupWindow.isZero()) {
            throw new IllegalArgumentException("parley.auth.throttle windows must be positive");
        }
    }
}
