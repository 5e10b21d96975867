package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.model.Caller;
import parley.application.model.IssuedTokens;
import parley.application.model.SessionView;
import parley.application.model.SessionsRevoked;
import parley.application.port.in.LogInCommand;
import parley.domain.session.SessionId;
import parley.domain.user.User;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class SessionServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");

    private IssuedTokens logIn(User user, String userAgent) {
        return core.loginService.logIn(new LogInCommand(user.email().value(), TestCore.PASSWORD, userAgent)).block();
    }

    private Caller caller(IssuedTokens tokens) {
        return core.authenticationService.caller(tokens.access().value()).block();
    }

    @Test
    void loggingInStartsASessionWhoseIdTheAccessTokenCarries() {
        IssuedTokens tokens = logIn(alice, "Firefox");

        assertThat(caller(tokens).sessionId()).isEqualTo(tokens.sessionId());
        assertThat(core.sessions.find(tokens.sessionId()).userAgent().value()).isEqualTo("Firefox");
        assertThat(tokens.refresh().value()).startsWith(tokens.sessionId().value() + ".");
        assertThat(tokens.refresh().expiresIn()).isEqualTo(SessionPolicy.DEFAULTS.refreshLifetime());
    }

    @Test
    void aRefreshGivesNewTokensForTheSameSessionAndUsesTheOldRefreshTokenUp() {
        IssuedTokens first = logIn(alice, null);
        core.clock.advance(Duration.ofDays(1));

        IssuedTokens second = core.sessionService.refresh(first.refresh().value()).block();

        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(second.refresh().value()).isNotEqualTo(first.refresh().value());
        assertThat(caller(second).userId()).isEqualTo(alice.id());
        assertThat(core.sessions.find(first.sessionId()).lastUsedAt()).isEqualTo(core.clock.instant());
        assertThat(core.sessions.find(first.sessionId()).refreshExpiresAt()).as("slides")
                .isEqualTo(core.clock.instant().plus(SessionPolicy.DEFAULTS.refreshLifetime()));
    }

    @Test
    void reusingASupersededRefreshTokenRevokesTheSessionForEveryHolder() {
        IssuedTokens stolen = logIn(alice, null);
        IssuedTokens legitimate = core.sessionService.refresh(stolen.refresh().value()).block();

        StepVerifier.create(core.sessionService.refresh(stolen.refresh().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.REFRESH_TOKEN_REUSED));

        assertThat(core.sessions.find(stolen.sessionId()).isRevoked()).isTrue();
        assertThat(core.revocations.announced()).containsExactly(new SessionsRevoked(alice.id(), java.util.Set.of(stolen.sessionId())));
        StepVerifier.create(core.authenticationService.caller(legitimate.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        StepVerifier.create(core.sessionService.refresh(legitimate.refresh().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void twoRefreshesRacingWithOneTokenLetOneThroughAndEndTheSession() {
        IssuedTokens tokens = logIn(alice, null);

        List<Object> outcomes = Flux.range(0, 8)
                .flatMap(i -> core.sessionService.refresh(tokens.refresh().value()).<Object>map(issued -> issued)
                        .onErrorResume(error -> reactor.core.publisher.Mono.just(((parley.application.UseCaseException) error).code()))
                        .subscribeOn(Schedulers.parallel()))
                .collectList().block();

        assertThat(outcomes).filteredOn(IssuedTokens.class::isInstance).hasSizeLessThanOrEqualTo(1);
        assertThat(outcomes).contains(ErrorCode.REFRESH_TOKEN_REUSED);
        assertThat(core.sessions.find(tokens.sessionId()).isRevoked()).isTrue();
    }

    @Test
    void aSessionEndsAtItsLastAllowedRefreshAndItsUserSignsInAgain() {
        IssuedTokens tokens = logIn(alice, null);
        for (int i = 0; i < parley.domain.session.Session.MAX_SUPERSEDED; i++) {
            tokens = core.sessionService.refresh(tokens.refresh().value()).block();
        }
        IssuedTokens last = tokens;

        StepVerifier.create(core.sessionService.refresh(last.refresh().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        assertThat(core.sessions.find(last.sessionId()).isRevoked()).isTrue();
        assertThat(core.revocations.announced()).containsExactly(new SessionsRevoked(alice.id(), java.util.Set.of(last.sessionId())));
        StepVerifier.create(core.authenticationService.caller(last.access().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void aPurgeDeletesTheSessionsThatEndedLongerThanTheRetentionAgoAndNoOthers() {
        Duration retention = SessionPolicy.DEFAULTS.retention();
        IssuedTokens loggedOut = logIn(alice, null);
        IssuedTokens live = logIn(alice, null);
        IssuedTokens expiring = logIn(bob, null);
        core.sessionService.logOut(caller(loggedOut)).block();
        core.clock.advance(retention);

        assertThat(core.sessionService.purgeEnded().block()).as("ended exactly the retention ago: kept").isZero();
        core.clock.advance(Duration.ofSeconds(1));
        assertThat(core.sessionService.purgeEnded().block()).isEqualTo(1);
        assertThat(core.sessions.find(loggedOut.sessionId())).isNull();
        assertThat(core.sessions.find(live.sessionId())).isNotNull();
        StepVerifier.create(core.sessionService.refresh(loggedOut.refresh().value()))
                .as("a purged session's refresh token stays refused").verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));

        core.sessionService.refresh(live.refresh().value()).block();
        core.clock.advance(SessionPolicy.DEFAULTS.refreshLifetime().plusSeconds(1));
        assertThat(core.sessionService.purgeEnded().block()).as("bob's never-refreshed session expired a retention ago").isEqualTo(1);
        assertThat(core.sessions.find(expiring.sessionId())).isNull();
        assertThat(core.sessions.find(live.sessionId())).as("refreshed later: not yet").isNotNull();
    }

    @Test
    void aPurgeWorksThroughMoreEndedSessionsThanOneBatchHolds() {
        int ended = SessionService.PURGE_BATCH * 2 + 500;
        for (int i = 0; i < ended; i++) {
            core.sessions.insert(parley.domain.session.Session.start(core.ids.newSessionId(), alice.id(),
                    parley.domain.session.RefreshSecret.generate().hash(), parley.domain.session.UserAgent.of(null), core.clock.instant(),
                    Duration.ofHours(1))).block();
        }
        IssuedTokens live = logIn(alice, null);
        core.clock.advance(SessionPolicy.DEFAULTS.retention().plus(Duration.ofHours(2)));

        assertThat(core.sessionService.purgeEnded().block()).isEqualTo(ended);
        assertThat(core.sessions.find(live.sessionId())).isNotNull();
    }

    @Test
    void anExpiredSessionRefusesItsRefreshTokenWithoutRevokingIt() {
        IssuedTokens tokens = logIn(alice, null);
        core.clock.advance(SessionPolicy.DEFAULTS.refreshLifetime());

        StepVerifier.create(core.sessionService.refresh(tokens.refresh().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        assertThat(core.sessions.find(tokens.sessionId()).isRevoked()).isFalse();
        assertThat(core.revocations.announced()).isEmpty();
    }

    @Test
    void aLoggedOutSessionRefusesItsRefreshTokenAsUnauthorized() {
        IssuedTokens tokens = logIn(alice, null);
        core.sessionService.logOut(caller(tokens)).block();

        StepVerifier.create(core.sessionService.refresh(tokens.refresh().value()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "no-dot", "01J0000000000000000000000A.", ".abc", "not-a-ulid.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "01J0000000000000000000000A.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "01J0000000000000000000000A.!!!!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "01J0000000000000000000000A.AAAA.AAAA"})
    void malformedOrUnknownRefreshTokensAreUnauthorized(String token) {
        StepVerifier.create(core.sessionService.refresh(token)).verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void aWrongSecretForARealSessionIsUnauthorizedAndRevokesNothing() {
        IssuedTokens tokens = logIn(alice, null);
        String forged = tokens.sessionId().value() + "." + parley.domain.session.RefreshSecret.generate().value();

        StepVerifier.create(core.sessionService.refresh(forged)).verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        assertThat(core.sessions.find(tokens.sessionId()).isRevoked()).isFalse();
    }

    @Test
    void logOutEndsOnlyTheCurrentSessionAndItsAccessTokens() {
        IssuedTokens phone = logIn(alice, "phone");
        IssuedTokens laptop = logIn(alice, "laptop");

        core.sessionService.logOut(caller(phone)).block();

        StepVerifier.create(core.authenticationService.caller(phone.access().value())).verifyErrorSatisfies(refusedWith(ErrorCode.UNAUTHORIZED));
        assertThat(caller(laptop).userId()).isEqualTo(alice.id());
        assertThat(core.revocations.denies(phone.sessionId())).isTrue();
    }

    @Test
    void logOutEverywhereEndsEverySessionOfTheUserOnly() {
        IssuedTokens phone = logIn(alice, "phone");
        IssuedTokens laptop = logIn(alice, "laptop");
        IssuedTokens bobs = logIn(bob, "bob");

        core.sessionService.logOutEverywhere(alice.id()).block();

        assertThat(core.revocations.announced()).containsExactly(
                new SessionsRevoked(alice.id(), java.util.Set.of(phone.sessionId(), laptop.sessionId())));
        assertThat(caller(bobs).userId()).isEqualTo(bob.id());
    }

    @Test
    void theListShowsActiveSessionsNewestUseFirstAndMarksTheCurrentOne() {
        IssuedTokens phone = logIn(alice, "phone");
        core.clock.advance(Duration.ofMinutes(1));
        IssuedTokens laptop = logIn(alice, "laptop");
        IssuedTokens ended = logIn(alice, "ended");
        core.sessionService.logOut(caller(ended)).block();
        logIn(bob, "bob");

        List<SessionView> views = core.sessionService.sessions(caller(phone)).block();

        assertThat(views).extracting(SessionView::id).containsExactly(laptop.sessionId(), phone.sessionId());
        assertThat(views).extracting(SessionView::current).containsExactly(false, true);
        assertThat(views).extracting(SessionView::userAgent).containsExactly("laptop", "phone");
    }

    @Test
    void revokingAnotherUsersSessionIsNotFoundLikeAnUnknownOne() {
        IssuedTokens bobs = logIn(bob, null);

        StepVerifier.create(core.sessionService.revoke(alice.id(), bobs.sessionId()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.SESSION_NOT_FOUND));
        StepVerifier.create(core.sessionService.revoke(alice.id(), SessionId.of(core.ids.nextUlid())))
                .verifyErrorSatisfies(refusedWith(ErrorCode.SESSION_NOT_FOUND));
        assertThat(core.sessions.find(bobs.sessionId()).isRevoked()).isFalse();
    }

    @Test
    void revokingOnesOwnSessionEndsItAndAgainIsHarmless() {
        IssuedTokens phone = logIn(alice, "phone");

        core.sessionService.revoke(alice.id(), phone.sessionId()).block();
        core.sessionService.revoke(alice.id(), phone.sessionId()).block();

        assertThat(core.sessions.find(phone.sessionId()).isRevoked()).isTrue();
        assertThat(core.revocations.announced()).hasSize(1);
    }

    @Test
    void withTheDenyListDownARevocationStillSucceedsAndIsDeniedOnceItIsBack() {
        revokedWhileTheDenyListFailsIsDeniedOnceItIsBack(core.revocations::goDown);
    }

    @Test
    void anUntranslatedDenyListFailureStillRevokesAndIsDeniedOnceItIsBack() {
        // what Spring Data Redis threw with Redis down ("Redis exception" around Lettuce's "Currently not connected")
        revokedWhileTheDenyListFailsIsDeniedOnceItIsBack(core.revocations::failUntranslated);
    }

    private void revokedWhileTheDenyListFailsIsDeniedOnceItIsBack(Runnable failure) {
        IssuedTokens phone = logIn(alice, "phone");
        failure.run();

        core.sessionService.logOut(caller(phone)).block();
        core.revocations.comeBack();

        // a liveness bound only: the background retry backs off to at most 5 s
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!core.revocations.denies(phone.sessionId()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertThat(core.revocations.denies(phone.sessionId())).isTrue();
    }
}
