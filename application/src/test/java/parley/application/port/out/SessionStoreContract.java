package parley.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import parley.application.fake.SequentialIdGenerator;
import parley.domain.session.RefreshSecret;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.session.UserAgent;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What every {@link SessionStore} does, whatever keeps the rows: sessions read back as stored, the
 * compare-and-set rotation, revocation and the active list. Runs against the R2DBC store and the
 * in-memory fake alike.
 */
public abstract class SessionStoreContract {

    private static final Instant EPOCH = Instant.parse("2026-03-01T09:00:00.123456Z");
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final SequentialIdGenerator ids = new SequentialIdGenerator("01JS000000");
    private final AtomicLong seconds = new AtomicLong();

    protected abstract SessionStore sessions();

    /** The users the sessions belong to (their foreign key). */
    protected abstract UserStore users();

    private Instant tick() {
        return EPOCH.plusSeconds(seconds.incrementAndGet());
    }

    private UserId user() {
        User user = new User(ids.newUserId(), EmailAddress.of("u-" + ids.nextUlid().toLowerCase() + "@example.com"), DisplayName.of("U"), "h",
                tick());
        return users().insert(user).block().id();
    }

    private Session session(UserId user, Instant at) {
        return sessions().insert(Session.start(ids.newSessionId(), user, RefreshSecret.generate().hash(), UserAgent.of("Agent ☕"), at, LIFETIME))
                .block();
    }

    @Test
    void aStoredSessionReadsBackAsStored() {
        Session session = session(user(), tick());

        assertThat(sessions().findById(session.id()).block()).isEqualTo(session);
        assertThat(sessions().findById(ids.newSessionId()).blockOptional()).isEmpty();
    }

    @Test
    void aRotationIsStoredOnlyOverTheExpectedCurrentSecret() {
        Session session = session(user(), tick());
        Session rotated = session.rotated(RefreshSecret.generate().hash(), tick(), LIFETIME);
        Session again = rotated.rotated(RefreshSecret.generate().hash(), tick(), LIFETIME);

        assertThat(sessions().replaceRotated(rotated, session.currentSecret()).block()).isTrue();
        assertThat(sessions().findById(session.id()).block()).isEqualTo(rotated);
        assertThat(sessions().replaceRotated(again, session.currentSecret()).block()).as("stale").isFalse();
        assertThat(sessions().replaceRotated(again, rotated.currentSecret()).block()).isTrue();
        assertThat(sessions().findById(session.id()).block().supersededSecrets()).containsExactly(session.currentSecret(), rotated.currentSecret());
    }

    @Test
    void ofRotationsRacingOverOneSecretExactlyOneIsStored() {
        Session session = session(user(), tick());
        Instant at = tick();

        List<Boolean> outcomes = Flux.range(0, 8)
                .flatMap(i -> sessions().replaceRotated(session.rotated(RefreshSecret.generate().hash(), at, LIFETIME), session.currentSecret())
                        .subscribeOn(Schedulers.parallel()))
                .collectList().block();

        assertThat(outcomes).containsOnlyOnce(true);
    }

    @Test
    void aRevokedSessionTakesNoRotationAndIsRevokedOnce() {
        Session session = session(user(), tick());
        Instant at = tick();

        assertThat(sessions().revoke(session.id(), at).block()).isTrue();
        assertThat(sessions().revoke(session.id(), tick()).block()).isFalse();
        assertThat(sessions().revoke(ids.newSessionId(), tick()).block()).isFalse();
        assertThat(sessions().findById(session.id()).block().revokedAt()).isEqualTo(at);
        assertThat(sessions().replaceRotated(session.rotated(RefreshSecret.generate().hash(), tick(), LIFETIME), session.currentSecret()).block())
                .isFalse();
    }

    @Test
    void revokingAllOfAUsersSessionsSparesTheExceptionOthersAndRevokedOnes() {
        UserId ada = user();
        UserId bob = user();
        Session kept = session(ada, tick());
        Session first = session(ada, tick());
        Session second = session(ada, tick());
        Session gone = session(ada, tick());
        Session bobs = session(bob, tick());
        sessions().revoke(gone.id(), tick()).block();

        List<SessionId> revoked = sessions().revokeAllOf(ada, kept.id(), tick()).collectList().block();

        assertThat(revoked).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(sessions().findById(kept.id()).block().isRevoked()).isFalse();
        assertThat(sessions().findById(bobs.id()).block().isRevoked()).isFalse();
        assertThat(sessions().revokeAllOf(ada, null, tick()).collectList().block()).containsExactly(kept.id());
    }

    @Test
    void theActiveSessionsAreTheUsersLiveOnesMostRecentlyUsedFirst() {
        UserId ada = user();
        Instant start = tick();
        Session old = session(ada, start);
        Session recent = session(ada, tick());
        Session revoked = session(ada, tick());
        Session expired = session(ada, start.minus(LIFETIME));
        session(user(), tick());
        sessions().revoke(revoked.id(), tick()).block();
        Session used = old.rotated(RefreshSecret.generate().hash(), tick(), LIFETIME);
        sessions().replaceRotated(used, old.currentSecret()).block();

        assertThat(sessions().activeOf(ada, tick()).map(Session::id).collectList().block()).containsExactly(old.id(), recent.id());
        assertThat(expired.isActive(tick())).isFalse();
    }

    @Test
    void theSessionsRevokedSinceAnInstantAreThoseRevokedAfterIt() {
        UserId ada = user();
        Session before = session(ada, tick());
        Session after = session(ada, tick());
        Session later = session(ada, tick());
        Session live = session(ada, tick());
        Instant beforeAt = tick();
        sessions().revoke(before.id(), beforeAt).block();
        Instant since = tick();
        Instant afterAt = tick();
        sessions().revoke(after.id(), afterAt).block();
        sessions().revoke(later.id(), tick()).block();

        List<parley.application.model.RevokedSession> revoked = sessions().revokedSince(since).collectList().block();

        assertThat(revoked).contains(new parley.application.model.RevokedSession(after.id(), ada, afterAt));
        assertThat(revoked).extracting(parley.application.model.RevokedSession::id)
                .contains(after.id(), later.id())
                .doesNotContain(before.id(), live.id());
        assertThat(sessions().revokedSince(afterAt).map(parley.application.model.RevokedSession::id).collectList().block())
                .as("exclusive").doesNotContain(after.id()).contains(later.id());
    }

    @Test
    void purgingDeletesOnlySessionsThatEndedBeforeTheCutoffAtMostLimitAtATime() {
        // long before every other test's sessions, which therefore cannot be purged here
        Instant longAgo = EPOCH.minus(Duration.ofDays(1000));
        Instant cutoff = longAgo.plus(Duration.ofDays(100));
        UserId ada = user();
        Session expired = sessions().insert(Session.start(ids.newSessionId(), ada, RefreshSecret.generate().hash(), UserAgent.of(null),
                longAgo, LIFETIME)).block();
        Session revoked = sessions().insert(Session.start(ids.newSessionId(), ada, RefreshSecret.generate().hash(), UserAgent.of(null),
                longAgo, Duration.ofDays(3650))).block();
        Session live = sessions().insert(Session.start(ids.newSessionId(), ada, RefreshSecret.generate().hash(), UserAgent.of(null),
                longAgo, Duration.ofDays(3650))).block();
        Session revokedAfter = sessions().insert(Session.start(ids.newSessionId(), ada, RefreshSecret.generate().hash(), UserAgent.of(null),
                longAgo, Duration.ofDays(3650))).block();
        Session expiresAtCutoff = sessions().insert(Session.start(ids.newSessionId(), ada, RefreshSecret.generate().hash(), UserAgent.of(null),
                longAgo, Duration.ofDays(100))).block();
        sessions().revoke(revoked.id(), longAgo.plus(Duration.ofDays(1))).block();
        sessions().revoke(revokedAfter.id(), cutoff.plusSeconds(1)).block();

        assertThat(sessions().deleteEndedBefore(cutoff, 1).block()).isEqualTo(1);
        assertThat(sessions().deleteEndedBefore(cutoff, 10).block()).isEqualTo(1);
        assertThat(sessions().deleteEndedBefore(cutoff, 10).block()).isZero();

        assertThat(sessions().findById(expired.id()).blockOptional()).isEmpty();
        assertThat(sessions().findById(revoked.id()).blockOptional()).isEmpty();
        assertThat(sessions().findById(live.id()).blockOptional()).isPresent();
        assertThat(sessions().findById(revokedAfter.id()).blockOptional()).isPresent();
        assertThat(sessions().findById(expiresAtCutoff.id()).blockOptional()).as("exclusive").isPresent();
    }

    @Test
    void theRevokedAmongSomeSessionsAreTheRevokedOnesOfThem() {
        UserId ada = user();
        Session revoked = session(ada, tick());
        Session live = session(ada, tick());
        Session otherRevoked = session(ada, tick());
        sessions().revoke(revoked.id(), tick()).block();
        sessions().revoke(otherRevoked.id(), tick()).block();

        assertThat(sessions().revokedAmong(java.util.Set.of(revoked.id(), live.id(), ids.newSessionId())).collectList().block())
                .containsExactly(revoked.id());
        assertThat(sessions().revokedAmong(java.util.Set.of()).collectList().block()).isEmpty();
    }
}
