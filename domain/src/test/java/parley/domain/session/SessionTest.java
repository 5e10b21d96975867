package parley.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.domain.user.UserId;

class SessionTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final UserId ADA = UserId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    private static final SessionId ID = SessionId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ");

    private final RefreshSecret first = RefreshSecret.generate();
    private final Session session = Session.start(ID, ADA, first.hash(), UserAgent.of("Firefox"), START, LIFETIME);

    @Test
    void aNewSessionIsUsedWhenItStartsAndExpiresAfterItsLifetime() {
        assertThat(session.createdAt()).isEqualTo(START);
        assertThat(session.lastUsedAt()).isEqualTo(START);
        assertThat(session.refreshExpiresAt()).isEqualTo(START.plus(LIFETIME));
        assertThat(session.isActive(START.plus(LIFETIME).minusSeconds(1))).isTrue();
        assertThat(session.isActive(START.plus(LIFETIME))).isFalse();
        assertThat(session.revokedAt()).isNull();
    }

    @Test
    void theCurrentSecretMayRotate() {
        assertThat(session.judge(first.hash(), START.plusSeconds(5))).isEqualTo(RefreshVerdict.ROTATE);
    }

    @Test
    void rotatingSupersedesTheCurrentSecretAndSlidesTheExpiry() {
        RefreshSecret second = RefreshSecret.generate();
        Instant later = START.plus(Duration.ofDays(20));

        Session rotated = session.rotated(second.hash(), later, LIFETIME);

        assertThat(rotated.currentSecret()).isEqualTo(second.hash());
        assertThat(rotated.supersededSecrets()).containsExactly(first.hash());
        assertThat(rotated.lastUsedAt()).isEqualTo(later);
        assertThat(rotated.refreshExpiresAt()).isEqualTo(later.plus(LIFETIME));
        assertThat(rotated.createdAt()).isEqualTo(START);
        assertThat(rotated.judge(second.hash(), later)).isEqualTo(RefreshVerdict.ROTATE);
        assertThat(rotated.judge(first.hash(), later)).isEqualTo(RefreshVerdict.REUSED);
    }

    @Test
    void aSecretTheSessionNeverHadIsUnknown() {
        assertThat(session.judge(RefreshSecret.generate().hash(), START)).isEqualTo(RefreshVerdict.UNKNOWN);
    }

    @Test
    void anExpiredSessionRefusesEvenItsCurrentSecretWithoutCallingItReuse() {
        Session rotated = session.rotated(RefreshSecret.generate().hash(), START, LIFETIME);
        Instant expired = START.plus(LIFETIME);

        assertThat(rotated.judge(rotated.currentSecret(), expired)).isEqualTo(RefreshVerdict.EXPIRED);
        assertThat(rotated.judge(first.hash(), expired)).isEqualTo(RefreshVerdict.EXPIRED);
    }

    @Test
    void aRevokedSessionRefusesEverySecretAsRevoked() {
        Session rotated = session.rotated(RefreshSecret.generate().hash(), START, LIFETIME);
        Session revoked = rotated.revoked(START.plusSeconds(1));

        assertThat(revoked.revokedAt()).isEqualTo(START.plusSeconds(1));
        assertThat(revoked.isActive(START.plusSeconds(2))).isFalse();
        assertThat(revoked.judge(rotated.currentSecret(), START.plusSeconds(2))).isEqualTo(RefreshVerdict.REVOKED);
        assertThat(revoked.judge(first.hash(), START.plusSeconds(2))).isEqualTo(RefreshVerdict.REVOKED);
        assertThat(revoked.revoked(START.plusSeconds(9)).revokedAt()).as("revoking twice keeps the first time").isEqualTo(START.plusSeconds(1));
    }

    @Test
    void aSessionKeepsEverySupersededSecretUpToItsLastRefreshAndIsThenExhausted() {
        Session current = session;
        List<SecretHash> all = new ArrayList<>(List.of(first.hash()));
        for (int i = 0; i < Session.MAX_SUPERSEDED; i++) {
            assertThat(current.judge(current.currentSecret(), START)).isEqualTo(RefreshVerdict.ROTATE);
            SecretHash next = RefreshSecret.generate().hash();
            current = current.rotated(next, START, LIFETIME);
            all.add(next);
        }
        Session last = current;

        assertThat(last.supersededSecrets()).containsExactlyElementsOf(all.subList(0, all.size() - 1));
        assertThat(last.judge(first.hash(), START)).as("the very first secret still gives a copy away").isEqualTo(RefreshVerdict.REUSED);
        assertThat(last.judge(last.currentSecret(), START)).isEqualTo(RefreshVerdict.EXHAUSTED);
        assertThatThrownBy(() -> last.rotated(RefreshSecret.generate().hash(), START, LIFETIME)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSessionCannotBeBuiltWithoutItsParts() {
        assertThatThrownBy(() -> Session.start(ID, null, first.hash(), UserAgent.of(null), START, LIFETIME)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Session.start(ID, ADA, first.hash(), UserAgent.of(null), START, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
