package parley.application.port.out;

import reactor.core.publisher.Mono;

/**
 * One-way password hashing with a maintained algorithm. Hashing is deliberately slow, so
 * implementations run it off the event loop.
 */
public interface PasswordHasher {

    Mono<String> hash(String rawPassword);

    Mono<Boolean> matches(String rawPassword, String hash);
}
