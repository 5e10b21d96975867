package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.util.List;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.fake.PlainPasswordHasher;
import parley.application.fake.TestCore;
import parley.application.port.in.RegisterUserCommand;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class RegistrationServiceTest {

    private final TestCore core = TestCore.create();

    @Test
    void registeringStoresTheHashOfThePasswordAndNeverThePasswordItself() {
        User registered = core.registrationService
                .register(RegisterUserCommand.of("alice@example.com", "s3cret-password", "Alice"))
                .block();

        User stored = core.users.find(registered.id()).orElseThrow();
        assertThat(stored.passwordHash())
                .isEqualTo(PlainPasswordHasher.hashOf("s3cret-password"))
                .doesNotContain("s3cret-password");
        assertThat(core.hasher.matches("s3cret-password", stored.passwordHash()).block()).isTrue();
    }

    @Test
    void theNewAccountHasAFreshIdTheNormalisedAddressTheNameAndTheTimeOfRegistration() {
        StepVerifier.create(core.registrationService.register(RegisterUserCommand.of("  Alice@Example.COM ", "s3cret-password", "Alice")))
                .assertNext(user -> {
                    assertThat(user.email().value()).isEqualTo("alice@example.com");
                    assertThat(user.displayName().value()).isEqualTo("Alice");
                    assertThat(user.createdAt()).isEqualTo(core.clock.instant());
                    assertThat(core.users.find(user.id())).contains(user);
                })
                .verifyComplete();
    }

    @Test
    void registeringAnAddressTwiceIsRefusedWithEmailTakenWhateverItsCase() {
        core.registerUser("alice@example.com");

        StepVerifier.create(core.registrationService.register(RegisterUserCommand.of("ALICE@Example.com", "another-password", "Impostor")))
                .verifyErrorSatisfies(refusedWith(ErrorCode.EMAIL_TAKEN));
        assertThat(core.users.count()).isEqualTo(1);
        assertThat(core.users.findByEmail(EmailAddress.of("alice@example.com")).block().displayName().value())
                .isEqualTo("alice");
    }

    @Test
    void withoutADisplayNameTheLocalPartOfTheAddressIsUsed() {
        StepVerifier.create(core.registrationService.register(RegisterUserCommand.of("bob.smith@example.com", "s3cret-password", null)))
                .assertNext(user -> assertThat(user.displayName().value()).isEqualTo("bob.smith"))
                .verifyComplete();
    }

    @Test
    void ofManyConcurrentRegistrationsOfOneAddressExactlyOneSucceeds() {
        List<Object> outcomes = Flux.range(0, 16)
                .flatMap(i -> core.registrationService
                        .register(RegisterUserCommand.of("race@example.com", "s3cret-password", "Racer " + i))
                        .<Object>map(user -> user)
                        .onErrorResume(UseCaseException.class, Mono::just)
                        .subscribeOn(Schedulers.parallel()))
                .collectList()
                .block();

        assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(UseCaseException.class::isInstance).hasSize(15)
                .allSatisfy(refusal -> assertThat(((UseCaseException) refusal).code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
        assertThat(core.users.count()).isEqualTo(1);
    }

    @Test
    void nothingIsStoredBeforeSubscription() {
        Mono<User> registration = core.registrationService.register(RegisterUserCommand.of("lazy@example.com", "s3cret-password", null));

        assertThat(core.users.count()).isZero();
        assertThat(core.hasher.hashCount()).isZero();
        registration.block();
        assertThat(core.users.count()).isEqualTo(1);
        assertThat(core.hasher.hashCount()).isEqualTo(1);
    }
}
