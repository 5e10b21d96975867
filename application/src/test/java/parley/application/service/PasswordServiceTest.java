package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parley.application.service.Refusals.invalid;
import static parley.application.service.Refusals.refusedWith;

import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.model.Caller;
import parley.application.model.IssuedTokens;
import parley.application.port.in.ChangePasswordCommand;
import parley.application.port.in.LogInCommand;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class PasswordServiceTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");

    private IssuedTokens logIn(String password) {
        return core.loginService.logIn(new LogInCommand("alice@example.com", password)).block();
    }

    private Caller caller(IssuedTokens tokens) {
        return core.authenticationService.caller(tokens.access().value()).block();
    }

    @Test
    void aChangedPasswordSignsInAndTheOldOneNoLonger() {
        IssuedTokens here = logIn(TestCore.PASSWORD);

        core.passwordService.changePassword(new ChangePasswordCommand(caller(here), TestCore.PASSWORD, NEW_PASSWORD)).block();

        assertThat(logIn(NEW_PASSWORD)).isNotNull();
        StepVerifier.create(core.loginService.logIn(new LogInCommand("alice@example.com", TestCore.PASSWORD)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.INVALID_CREDENTIALS));
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionButNotThisOne() {
        IssuedTokens here = logIn(TestCore.PASSWORD);
        IssuedTokens elsewhere = logIn(TestCore.PASSWORD);

        core.passwordService.changePassword(new ChangePasswordCommand(caller(here), TestCore.PASSWORD, NEW_PASSWORD)).block();

        assertThat(caller(here).userId()).isEqualTo(alice.id());
        StepVerifier.create(core.authenticationService.caller(elsewhere.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        StepVerifier.create(core.sessionService.refresh(elsewhere.refresh().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndEndsNothing() {
        IssuedTokens here = logIn(TestCore.PASSWORD);
        IssuedTokens elsewhere = logIn(TestCore.PASSWORD);

        StepVerifier.create(core.passwordService.changePassword(new ChangePasswordCommand(caller(here), "not my password", NEW_PASSWORD)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.INVALID_CREDENTIALS));

        assertThat(caller(elsewhere).userId()).isEqualTo(alice.id());
        assertThat(logIn(TestCore.PASSWORD)).isNotNull();
    }

    @Test
    void aSignInWithTheOldPasswordThatRacesTheChangeKeepsNoSession() {
        IssuedTokens here = logIn(TestCore.PASSWORD);
        Caller changer = caller(here);
        // the racing sign-in has checked the old password; the change completes before its session is stored
        core.sessions.beforeNextInsert(() -> core.passwordService.changePassword(
                new ChangePasswordCommand(changer, TestCore.PASSWORD, NEW_PASSWORD)).block());

        StepVerifier.create(core.loginService.logIn(new LogInCommand("alice@example.com", TestCore.PASSWORD)))
                .verifyErrorSatisfies(refusedWith(ErrorCode.INVALID_CREDENTIALS));

        assertThat(core.sessionService.sessions(changer).block()).as("only the changer's session is left")
                .singleElement().satisfies(session -> assertThat(session.current()).isTrue());
    }

    @Test
    void whenTheOtherSessionsCannotBeEndedThePasswordStaysAsItWas() {
        IssuedTokens here = logIn(TestCore.PASSWORD);
        IssuedTokens elsewhere = logIn(TestCore.PASSWORD);
        Caller changer = caller(here);

        core.sessions.goDown();
        StepVerifier.create(core.passwordService.changePassword(new ChangePasswordCommand(changer, TestCore.PASSWORD, NEW_PASSWORD)))
                .verifyError();
        core.sessions.comeBack();

        assertThat(logIn(TestCore.PASSWORD)).as("the old password still signs in").isNotNull();
        assertThat(caller(elsewhere).userId()).isEqualTo(alice.id());
    }

    @Test
    void theNewPasswordFollowsTheRegistrationRules() {
        Caller caller = caller(logIn(TestCore.PASSWORD));

        assertThatThrownBy(() -> new ChangePasswordCommand(caller, TestCore.PASSWORD, "short")).satisfies(invalid("newPassword"));
        assertThatThrownBy(() -> new ChangePasswordCommand(caller, TestCore.PASSWORD, "p".repeat(101))).satisfies(invalid("newPassword"));
        assertThatThrownBy(() -> new ChangePasswordCommand(caller, "", NEW_PASSWORD)).satisfies(invalid("currentPassword"));
        assertThatThrownBy(() -> new ChangePasswordCommand(caller, TestCore.PASSWORD, null)).satisfies(invalid("newPassword"));
    }
}
