package parley.adapter.in.web;

import java.util.Objects;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import parley.application.port.out.PasswordHasher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id with Spring Security's current defaults. Not BCrypt: passwords may be 100 characters,
 * and BCrypt only reads the first 72 bytes (Spring's encoder refuses longer input). Hashing costs
 * tens of milliseconds of CPU and 16 MiB of memory by design, so it runs on the bounded elastic
 * scheduler and never on an event-loop thread, which would stall every connection it serves.
 */
@Component
final class Argon2PasswordHasher implements PasswordHasher {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    @Override
    public Mono<String> hash(String rawPassword) {
        return Mono.fromCallable(() -> encoder.encode(Objects.requireNonNull(rawPassword, "rawPassword")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Boolean> matches(String rawPassword, String hash) {
        return Mono.fromCallable(() -> rawPassword != null && hash != null && encoder.matches(rawPassword, hash))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
