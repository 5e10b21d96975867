package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class Argon2PasswordHasherTest {

    final Argon2PasswordHasher hasher = new Argon2PasswordHasher(new HashingSettings(2, 8));

    @Test
    void aPasswordMatchesItsOwnHash() {
        String hash = hasher.hash("correct horse battery staple").block(Duration.ofSeconds(10));

        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse battery staple", hash).block(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotMatch() {
        String hash = hasher.hash("correct horse battery staple").block(Duration.ofSeconds(10));

        assertThat(hasher.matches("correct horse battery stable", hash).block(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
        String first = hasher.hash("correct horse battery staple").block(Duration.ofSeconds(10));
        String second = hasher.hash("correct horse battery staple").block(Duration.ofSeconds(10));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aHundredCharacterUnicodePasswordIsHashedWhole() {
        // 100 code points, well over BCrypt's 72 bytes; only the last character differs
        String password = "密码🔐".repeat(33) + "a";
        String almost = "密码🔐".repeat(33) + "b";
        String hash = hasher.hash(password).block(Duration.ofSeconds(10));

        assertThat(password.codePointCount(0, password.length())).isEqualTo(100);
        assertThat(hasher.matches(password, hash).block(Duration.ofSeconds(10))).isTrue();
        assertThat(hasher.matches(almost, hash).block(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aMalformedHashMatchesNothing() {
        assertThat(hasher.matches("anything", "not-a-hash").block(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void hashingRunsOnItsOwnThreadsNotOnTheSharedBoundedElasticPool() {
        Thread caller = Thread.currentThread();

        StepVerifier.create(hasher.hash("correct horse battery staple").map(hash -> Thread.currentThread()))
                .assertNext(worker -> assertThat(worker).isNotSameAs(caller)
                        .extracting(Thread::getName).asString().startsWith("argon2"))
                .verifyComplete();
    }

    @Test
    void newHashesUseAtLeastOwaspsMinimumForArgon2id() {
        String hash = hasher.hash("correct horse battery staple").block(Duration.ofSeconds(10));

        // OWASP Password Storage Cheat Sheet: m=19 MiB (19456 KiB), t=2, p=1
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void hashesMadeWithTheEarlierSixteenMebibyteSettingStillMatch() {
        String earlier = org.springframework.security.crypto.argon2.Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()
                .encode("correct horse battery staple");

        assertThat(earlier).contains("m=16384");
        assertThat(hasher.matches("correct horse battery staple", earlier).block(Duration.ofSeconds(10))).isTrue();
    }
}
