package parley.adapter.in.web;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.out.PasswordHasher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1). Not BCrypt: passwords may be 100
 * characters, and BCrypt only reads the first 72 bytes. Hashes made with other parameters (the
 * earlier 16 MiB) still verify: the parameters travel in the hash.
 *
 * <p>Hashing runs on its own small pool ({@link HashingSettings}), never on an event loop and never
 * on the bounded elastic scheduler that other blocking work shares: a sign-in flood then slows
 * sign-ins only. When the pool's queue is full the hash is refused at once with
 * SERVICE_UNAVAILABLE and a Retry-After.
 */
@Component
@DrivenAdapter
final class Argon2PasswordHasher implements PasswordHasher, DisposableBean {

    /** OWASP Password Storage Cheat Sheet, Argon2id minimum: 19 MiB of memory, 2 iterations, 1 lane. */
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final Scheduler pool;

    Argon2PasswordHasher(HashingSettings settings) {
        this.pool = Schedulers.newBoundedElastic(settings.threads(), settings.queue(), "argon2", 60, true);
    }

    @Override
    public Mono<String> hash(String rawPassword) {
        return onPool(() -> encoder.encode(Objects.requireNonNull(rawPassword, "rawPassword")));
    }

    @Override
    public Mono<Boolean> matches(String rawPassword, String hash) {
        return onPool(() -> rawPassword != null && hash != null && encoder.matches(rawPassword, hash));
    }

    private <T> Mono<T> onPool(Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(pool)
                .onErrorMap(RejectedExecutionException.class, full -> UseCaseException.retryAfter(ErrorCode.SERVICE_UNAVAILABLE,
                        "the server is busy checking passwords; try again in a moment", RETRY_AFTER));
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
