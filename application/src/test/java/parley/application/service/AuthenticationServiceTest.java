package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import parley.application.ErrorCode;
import parley.application.fake.FakeAccessTokens;
import parley.application.fake.TestCore;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.test.StepVerifier;

class AuthenticationServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com", "Alice");

    @Test
    void anIssuedTokenAuthenticatesItsUser() {
        String token = core.tokens.issue(alice.id()).value();

        StepVerifier.create(core.authenticationService.authenticate(token))
                .expectNext(alice.id())
                .verifyComplete();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "token-", "token-not-a-ulid", "Bearer token-01J0000000000000000000000001", "garbage"})
    void aMissingBlankOrForgedTokenIsUnauthorized(String token) {
        StepVerifier.create(core.authenticationService.authenticate(token))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void aTokenThatNoLongerVerifiesIsUnauthorized() {
        String token = core.tokens.issue(alice.id()).value();
        core.tokens.revoke(alice.id());

        StepVerifier.create(core.authenticationService.authenticate(token))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void theCurrentUserIsTheAuthenticatedAccount() {
        StepVerifier.create(core.authenticationService.currentUser(alice.id()))
                .assertNext(user -> {
                    assertThat(user.id()).isEqualTo(alice.id());
                    assertThat(user.email().value()).isEqualTo("alice@example.com");
                    assertThat(user.displayName().value()).isEqualTo("Alice");
                })
                .verifyComplete();
    }

    @Test
    void aDeletedAccountIsUserNotFound() {
        String token = FakeAccessTokens.tokenFor(alice.id());
        core.users.delete(alice.id());

        UserId stillValid = core.authenticationService.authenticate(token).block();
        StepVerifier.create(core.authenticationService.currentUser(stillValid))
                .verifyErrorSatisfies(refusedWith(ErrorCode.USER_NOT_FOUND));
    }

    private parley.application.model.IssuedTokens logIn() {
        return core.loginService.logIn(new parley.application.port.in.LogInCommand("alice@example.com", TestCore.PASSWORD)).block();
    }

    @Test
    void aTokenWithoutASessionStaysValidWhateverHappensToTheUsersSessions() {
        String old = core.tokens.issue(alice.id()).value();
        logIn();
        core.sessionService.logOutEverywhere(alice.id()).block();

        StepVerifier.create(core.authenticationService.caller(old))
                .assertNext(caller -> assertThat(caller.session()).isEmpty())
                .verifyComplete();
    }

    @Test
    void aRevokedSessionsTokenIsRefusedThroughTheDenyList() {
        var tokens = logIn();
        core.sessionService.logOutEverywhere(alice.id()).block();
        int reads = core.sessions.reads();

        StepVerifier.create(core.authenticationService.caller(tokens.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        assertThat(core.sessions.reads()).as("the table is not asked while the deny-list answers").isEqualTo(reads);
    }

    @Test
    void withTheDenyListDownTheSessionsTableDecides() {
        var kept = logIn();
        var ended = logIn();
        core.sessionService.logOut(core.authenticationService.caller(ended.access().value()).block()).block();
        core.revocations.goDown();

        StepVerifier.create(core.authenticationService.caller(ended.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        StepVerifier.create(core.authenticationService.caller(kept.access().value()))
                .assertNext(caller -> assertThat(caller.sessionId()).isEqualTo(kept.sessionId()))
                .verifyComplete();
    }

    @Test
    void withTheDenyListDownANotRevokedAnswerIsTrustedForTheCacheTtlOnly() {
        var tokens = logIn();
        core.revocations.goDown();
        core.authenticationService.caller(tokens.access().value()).block();
        int reads = core.sessions.reads();

        core.authenticationService.caller(tokens.access().value()).block();
        assertThat(core.sessions.reads()).as("cached").isEqualTo(reads);

        core.sessions.revoke(tokens.sessionId(), core.clock.instant()).block();
        core.clock.advance(SessionPolicy.DEFAULTS.fallbackCacheTtl());
        StepVerifier.create(core.authenticationService.caller(tokens.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void anyFailureOfTheDenyListIsAnsweredFromTheTable() {
        var kept = logIn();
        var ended = logIn();
        core.sessionService.logOut(core.authenticationService.caller(ended.access().value()).block()).block();
        core.revocations.failUntranslated();

        StepVerifier.create(core.authenticationService.caller(kept.access().value()))
                .assertNext(caller -> assertThat(caller.sessionId()).isEqualTo(kept.sessionId()))
                .verifyComplete();
        StepVerifier.create(core.authenticationService.caller(ended.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void withTheDenyListAndTheTableDownASessionTokenIsAnOutageNeverAPass() {
        var tokens = logIn();
        core.revocations.goDown();
        core.sessions.goDown();

        StepVerifier.create(core.authenticationService.caller(tokens.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void aRevokedSessionIsStillRefusedWhenTheDenyListIsLostAndIsPutBackOnIt() {
        var kept = logIn();
        var ended = logIn();
        core.sessionService.logOut(core.authenticationService.caller(ended.access().value()).block()).block();
        core.revocations.wipe();

        StepVerifier.create(core.authenticationService.caller(ended.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        StepVerifier.create(core.authenticationService.caller(kept.access().value()))
                .assertNext(caller -> assertThat(caller.sessionId()).isEqualTo(kept.sessionId()))
                .verifyComplete();
        // the fakes answer at once; the bound is only liveness
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!core.revocations.denies(ended.sessionId()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(core.revocations.denies(ended.sessionId())).as("re-seeded from the sessions table").isTrue();
        assertThat(core.revocations.denies(kept.sessionId())).isFalse();
    }
}
