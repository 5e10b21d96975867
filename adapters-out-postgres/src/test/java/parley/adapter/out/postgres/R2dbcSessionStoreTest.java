package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import parley.domain.session.RefreshSecret;
import parley.domain.session.Session;
import parley.domain.session.UserAgent;
import parley.domain.user.User;

/** What the table adds to the contract: its bounds and the user index. */
class R2dbcSessionStoreTest extends MigratedDatabaseTest {

    private final R2dbcSessionStore sessions = new R2dbcSessionStore(database.client);

    @Test
    void aSessionWithTheMostSupersededSecretsAndTheLongestUserAgentIsStoredWhole() {
        User user = chat.user("ada");
        Session session = Session.start(new parley.domain.session.SessionId(TestIds.next()), user.id(), RefreshSecret.generate().hash(),
                UserAgent.of("x".repeat(UserAgent.MAX_LENGTH)), chat.tick(), Duration.ofDays(30));
        for (int i = 0; i < Session.MAX_SUPERSEDED; i++) {
            session = session.rotated(RefreshSecret.generate().hash(), session.lastUsedAt(), Duration.ofDays(30));
        }
        Session first = Session.start(session.id(), user.id(), session.supersededSecrets().getFirst(), session.userAgent(), session.createdAt(),
                Duration.ofDays(30));
        sessions.insert(first).block();

        assertThat(sessions.replaceRotated(session, first.currentSecret()).block()).isTrue();
        assertThat(sessions.findById(session.id()).block()).isEqualTo(session);
    }

    @Test
    void theUsersSessionsAreFoundThroughAnIndex() {
        String definition = database.client.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'sessions_user_id_live_idx'")
                .map(row -> row.get(0, String.class)).one().block();

        assertThat(definition).contains("(user_id, last_used_at DESC)").contains("WHERE (revoked_at IS NULL)");
    }

    @Test
    void thePurgeFindsExpiredSessionsThroughAnIndex() {
        String definition = database.client.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'sessions_refresh_expires_at_idx'")
                .map(row -> row.get(0, String.class)).one().block();

        assertThat(definition).contains("(refresh_expires_at)");
    }

    @Test
    void theRecentlyRevokedSessionsAreFoundThroughAPartialIndex() {
        String definition = database.client.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'sessions_revoked_at_idx'")
                .map(row -> row.get(0, String.class)).one().block();

        assertThat(definition).contains("(revoked_at)").contains("WHERE (revoked_at IS NOT NULL)");
    }
}
