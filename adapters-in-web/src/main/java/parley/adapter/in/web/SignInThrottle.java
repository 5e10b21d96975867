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
import parley.domain.user.UserId;

/**
 * Attempts at a credential per client address and per subject (see {@link SignInThrottleSettings}):
 * sign-ins and registrations per e-mail, refreshes per session, password changes per account, and
 * look-ups of users by e-mail per account (a budget of their own, not the address's). The
 * check comes before anything looks the subject up, so a known and an unknown e-mail are refused
 * alike. Each kind of subject has budgets of its own (the key is the kind and the subject, not one
 * string), so no e-mail a client types can spend another kind's budget. Budgets live in bounded
 * caches: an attacker cycling through subjects or addresses evicts old budgets (which the address
 * budget still covers) but cannot grow memory.
 */
@Component
class SignInThrottle {

    private final SignInThrottleSettings settings;
    private final Cache<Subject, Bucket> bySubject;
    private final Cache<String, Bucket> byAddress;

    SignInThrottle(SignInThrottleSettings settings) {
        this.settings = settings;
        Duration longestSubjectWindow = settings.emailWindow().compareTo(settings.lookupWindow()) >= 0
                ? settings.emailWindow() : settings.lookupWindow();
        this.bySubject = Caffeine.newBuilder().maximumSize(settings.rememberedKeys()).expireAfterAccess(longestSubjectWindow).build();
        this.byAddress = Caffeine.newBuilder().maximumSize(settings.rememberedKeys()).expireAfterAccess(settings.addressWindow()).build();
    }

    /** A sign-in or a registration with {@code email}; refused with TOO_MANY_ATTEMPTS and the pause when a budget is spent. */
    void signIn(String email, String clientAddress) {
        attempt(new Subject(Kind.EMAIL, email.strip().toLowerCase(Locale.ROOT)), clientAddress);
    }

    /** A refresh of the session whose id begins {@code refreshToken} (its first 26 characters: bounded, whatever was sent). */
    void refresh(String refreshToken, String clientAddress) {
        attempt(new Subject(Kind.SESSION, refreshToken.substring(0, Math.min(refreshToken.length(), 26))), clientAddress);
    }

    /** A password change of {@code user}'s (it proves the current password, so it is guessed like a sign-in). */
    void passwordChange(UserId user, String clientAddress) {
        attempt(new Subject(Kind.ACCOUNT, user.value()), clientAddress);
    }

    /**
     * A look-up of a user by e-mail by {@code caller}: its own budget per account, apart from the
     * address budget, so looking people up never locks anybody out of signing in.
     */
    void lookup(UserId caller) {
        ConsumptionProbe probe = bySubject.get(new Subject(Kind.LOOKUP, caller.value()),
                key -> bucket(settings.lookupAttempts(), settings.lookupWindow())).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw UseCaseException.retryAfter(ErrorCode.TOO_MANY_ATTEMPTS, "too many user look-ups; try again in "
                    + seconds(wait) + " s", wait);
        }
    }

    /** Takes one attempt from both budgets. */
    private void attempt(Subject subject, String clientAddress) {
        ConsumptionProbe address = byAddress.get(clientAddress, key -> bucket(settings.addressAttempts(), settings.addressWindow()))
                .tryConsumeAndReturnRemaining(1);
        if (!address.isConsumed()) {
            throw refused(address);
        }
        ConsumptionProbe perSubject = bySubject.get(subject, key -> bucket(settings.emailAttempts(), settings.emailWindow()))
                .tryConsumeAndReturnRemaining(1);
        if (!perSubject.isConsumed()) {
            throw refused(perSubject);
        }
    }

    private enum Kind { EMAIL, SESSION, ACCOUNT, LOOKUP }

    private record Subject(Kind kind, String value) {
    }

    private static UseCaseException refused(ConsumptionProbe probe) {
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        return UseCaseException.retryAfter(ErrorCode.TOO_MANY_ATTEMPTS, "too many sign-in attempts; try again in "
                + seconds(wait) + " s", wait);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static Bucket bucket(int attempts, Duration window) {
        return Bucket.builder().addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, window)).build();
    }
}
