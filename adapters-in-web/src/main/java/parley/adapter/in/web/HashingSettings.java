package parley.adapter.in.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The password hashing pool ({@code parley.auth.hashing.*}). Each running Argon2 hash takes a
 * core's worth of time and 19 MiB, so the pool is small and its queue short: a flood of sign-ins
 * beyond it is refused (503 with Retry-After) instead of queueing behind everything else.
 *
 * @param threads hashes computed at once (default: the number of cores)
 * @param queue   hashes waiting per thread before more are refused (default 8)
 */
@ConfigurationProperties("parley.auth.hashing")
record HashingSettings(Integer threads, Integer queue) {

    HashingSettings {
        threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        queue = queue == null ? 8 : queue;
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("parley.auth.hashing.threads and queue must be at least 1");
        }
    }
}
