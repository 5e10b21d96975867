package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static parley.application.service.Refusals.refusedWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.fake.TestCore;
import parley.application.port.in.RegisterUserCommand;
import parley.application.port.in.LogInCommand;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class LoginServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");

    @Test
    void theRightCredentialsGiveATokenThatSpeaksForTheUser() {
        StepVerifier.create(core.loginService.logIn(new LogInCommand("alice@example.com", TestCore.PASSWORD)))
                .assertNext(token -> {
                    assertThat(core.tokens.verify(token.access().value())).contains(alice.id());
                    assertThat(token.access().expiresIn()).isPositive();
                })
                .verifyComplete();
    }

    @Test
    void theAddressIsMatchedWhateverItsCaseAndSurroundingSpaces() {
        StepVerifier.create(core.loginService.logIn(new LogInCommand("  ALICE@example.COM ", TestCore.PASSWORD)))
                .assertNext(token -> assertThat(core.tokens.verify(token.access().value())).contains(alice.id()))
                .verifyComplete();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource({
            "nobody@example.com, " + TestCore.PASSWORD + ", unknown e-mail",
            "alice@example.com, wrong-password, wrong password",
            "alice@example.com, " + TestCore.PASSWORD + "x, password with an extra character",
            "not-an-address, " + TestCore.PASSWORD + ", malformed e-mail",
    })
    void everyMismatchIsTheSameInvalidCredentialsRefusal(String email, String password, String scenario) {
        Throwable refusal = catchThrowable(() -> core.loginService.logIn(new LogInCommand(email, password)).block());
        Throwable reference = catchThrowable(() -> core.loginService.logIn(new LogInCommand("nobody@example.com", "whatever-1")).block());

        assertThat(refusal).satisfies(refusedWith(ErrorCode.INVALID_CREDENTIALS));
        // same words as well as the same code, so the answer cannot tell which accounts exist
        assertThat(refusal.getMessage()).isEqualTo(reference.getMessage());
    }

    @Test
    void eachAccountOpensOnlyWithItsOwnPassword() {
        User bob = core.registrationService
                .register(RegisterUserCommand.of("bob@example.com", "bobs-own-password", null))
                .block();

        StepVerifier.create(core.loginService.logIn(new LogInCommand("bob@example.com", TestCore.PASSWORD)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.INVALID_CREDENTIALS));
        StepVerifier.create(core.loginService.logIn(new LogInCommand("bob@example.com", "bobs-own-password")))
                .assertNext(token -> assertThat(core.tokens.verify(token.access().value())).contains(bob.id()))
                .verifyComplete();
    }

    @Test
    void anUnknownAddressStillCostsAHashComparison() {
        core.loginService.logIn(new LogInCommand("nobody@example.com", "whatever-1")).onErrorComplete().block();

        assertThat(core.hasher.comparisonCount()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressCostTheSameNumberOfHashComparisons() {
        core.loginService.logIn(new LogInCommand("nobody@example.com", "wrong-password")).onErrorComplete().block();
        int forUnknownAddress = core.hasher.comparisonCount();

        core.loginService.logIn(new LogInCommand("alice@example.com", "wrong-password")).onErrorComplete().block();
        int forWrongPassword = core.hasher.comparisonCount() - forUnknownAddress;

        assertThat(forWrongPassword).isEqualTo(forUnknownAddress);
    }

    @Test
    void aPasswordHasherThatFailedOnceDoesNotBreakLaterLogins() {
        core.hasher.failing(true);
        core.loginService.logIn(new LogInCommand("nobody@example.com", "whatever-1")).onErrorComplete().block();
        core.hasher.failing(false);

        StepVerifier.create(core.loginService.logIn(new LogInCommand("nobody@example.com", "whatever-1")))
                .verifyErrorSatisfies(refusedWith(ErrorCode.INVALID_CREDENTIALS));
    }

    @Test
    void aLoginCommandNeedsAnAddressAndAPasswordAndHidesThePassword() {
        assertThat(catchThrowable(() -> new LogInCommand(" ", "pw")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThat(catchThrowable(() -> new LogInCommand("a@example.com", "")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(new LogInCommand("a@example.com", "hunter2-hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void aLoginRefusalIsAUseCaseExceptionNotAValidationError() {
        // a malformed address must not reveal itself as a 400 naming the field
        assertThat(catchThrowable(() -> core.loginService.logIn(new LogInCommand("@@", "x")).block()))
                .isExactlyInstanceOf(UseCaseException.class);
    }
}
