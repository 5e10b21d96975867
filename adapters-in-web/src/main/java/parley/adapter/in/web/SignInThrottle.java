package parley.adapter.in.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;
import parley.application.ErrorCode;
import parley.application.UseCaseException;

/**
 * Sign-in attempts per e-mail and per client address (see {@link SignInThrottleSettings}). The
 * check comes before anything looks the e-mail up, so a known and an unknown address are refused
 * alike. Budgets live in bounded caches: an attacker cycling through e-mails or addresses evicts
 * old budgets (which the address budget still covers) but cannot grow memory.
 */
@Component
class SignInThrottle {

    private final SignInThrottleSettings settings;
    private final Cache<String, Bucket> byEmail;
    private final Cache<String, Bucket> byAddress;

    SignInThrottle(SignInThrottleSettings settings) {
        this.settings = settings;
        this.byEmail = Caffeine.newBuilder().maximumSize(settings.rememberedKeys()).expireAfterAccess(settings.emailWindow()).build();
        this.byAddress = Caffeine.newBuilder().maximumSize(settings.rememberedKeys()).expireAfterAccess(settings.addressWindow()).build();
    }

    /** Takes one attempt from both budgets; refused with TOO_MANY_ATTEMPTS and the pause when either is spent. */
    void attempt(String email, String clientAddress) {
        ConsumptionProbe address = byAddress.get(clientAddress, key -> bucket(settings.addressAttempts(), settings.addressWindow()))
                .tryConsumeAndReturnRemaining(1);
        if (!address.isConsumed()) {
            throw refused(address);
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        ConsumptionProbe perEmail = byEmail.get(normalized, key -> bucket(settings.emailAttempts(), settings.emailWindow()))
                .tryConsumeAndReturnRemaining(1);
        if (!perEmail.isConsumed()) {
            throw refused(perEmail);
        }
    }

    private static UseCaseException refused(ConsumptionProbe probe) {
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        return UseCaseException.retryAfter(ErrorCode.TOO_MANY_ATTEMPTS, "too many sign-in attempts; try again in "
                + Math.max(1, (wait.toMillis() + 999) / 1000) + " s", wait);
    }

    private static Bucket bucket(int attempts, Duration window) {
        return Bucket.builder().addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, window)).build();
    }
}
