package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import parley.domain.session.RefreshSecret;
import parley.domain.session.Session;
import parley.domain.session.SessionId;
import parley.domain.session.UserAgent;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** A password change and the sessions it ends are one transaction; the sign-in's re-check waits for a change in progress. */
class R2dbcPasswordChangesTest extends MigratedDatabaseTest {

    private final R2dbcSessionStore sessions = new R2dbcSessionStore(database.client);
    private final R2dbcPasswordChanges changes = new R2dbcPasswordChanges(database.client, database.transactions);

    private Session session(User user) {
        Session session = Session.start(new SessionId(TestIds.next()), user.id(), RefreshSecret.generate().hash(), UserAgent.of("test"),
                chat.tick(), Duration.ofDays(30));
        return sessions.insert(session).block();
    }

    private String hashOf(User user) {
        return chat.users.findById(user.id()).block().passwordHash();
    }

    @Test
    void theNewHashIsStoredAndEveryOtherSessionOfTheUserIsRevoked() {
        User ada = chat.user("ada");
        User bob = chat.user("bob");
        Session kept = session(ada);
        Session other = session(ada);
        Session bobs = session(bob);

        var revoked = changes.replace(ada.id(), "$argon2id$new", kept.id(), chat.tick()).collectList().block();

        assertThat(revoked).containsExactly(other.id());
        assertThat(hashOf(ada)).isEqualTo("$argon2id$new");
        assertThat(sessions.findById(kept.id()).block().isRevoked()).isFalse();
        assertThat(sessions.findById(other.id()).block().isRevoked()).isTrue();
        assertThat(sessions.findById(bobs.id()).block().isRevoked()).isFalse();
        assertThat(hashOf(bob)).isNotEqualTo("$argon2id$new");
    }

    @Test
    void anUnknownUserChangesNothing() {
        User ada = chat.user("ada");
        Session adas = session(ada);

        assertThat(changes.replace(UserId.of(TestIds.next()), "$argon2id$new", null, chat.tick()).collectList().block()).isEmpty();
        assertThat(sessions.findById(adas.id()).block().isRevoked()).isFalse();
    }

    @Test
    void whenTheSessionsCannotBeRevokedThePasswordStaysAsItWas() {
        User ada = chat.user("ada");
        Session other = session(ada);
        String before = hashOf(ada);
        database.client.sql("""
                CREATE FUNCTION refuse_revocation() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'revocations refused by the test'; END $$""").then().block();
        database.client.sql("CREATE TRIGGER refuse_revocation BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION refuse_revocation()")
                .then().block();
        try {
            StepVerifier.create(changes.replace(ada.id(), "$argon2id$new", null, chat.tick())).verifyError();
        } finally {
            database.client.sql("DROP TRIGGER refuse_revocation ON sessions").then().block();
            database.client.sql("DROP FUNCTION refuse_revocation()").then().block();
        }

        assertThat(hashOf(ada)).as("rolled back with the revocations").isEqualTo(before);
        assertThat(sessions.findById(other.id()).block().isRevoked()).isFalse();
    }

    @Test
    void stillCurrentTellsAVerifiedHashFromAChangedOne() {
        User ada = chat.user("ada");
        String verified = hashOf(ada);

        assertThat(changes.stillCurrent(ada.id(), verified).block()).isTrue();
        changes.replace(ada.id(), "$argon2id$new", null, chat.tick()).blockLast();
        assertThat(changes.stillCurrent(ada.id(), verified).block()).isFalse();
        assertThat(changes.stillCurrent(UserId.of(TestIds.next()), verified).block()).isFalse();
    }

    @Test
    void stillCurrentWaitsForAChangeInProgressAndSeesItsResult() {
        User ada = chat.user("ada");
        String verified = hashOf(ada);
        AtomicBoolean committed = new AtomicBoolean();
        // a change that has updated the row and holds the transaction open for a moment
        var change = database.client.sql("UPDATE users SET password_hash = '$argon2id$new' WHERE id = $1").bind(0, ada.id().value())
                .fetch().rowsUpdated()
                .delayElement(Duration.ofSeconds(2))
                .as(database.transactions::transactional)
                .doOnSuccess(ignored -> committed.set(true))
                .subscribeOn(Schedulers.boundedElastic())
                .toFuture();
        // wait until the update holds the row (seen from outside as a lock on users)
        Mono.defer(() -> database.client.sql("SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                        + " WHERE c.relname = 'users' AND l.mode = 'RowExclusiveLock'")
                        .map(row -> row.get("n", Long.class)).one())
                .filter(n -> n > 0)
                .repeatWhenEmpty(100, repeat -> repeat.delayElements(Duration.ofMillis(20)))
                .block(Duration.ofSeconds(10));
        assertThat(committed).as("the change is still in progress when the re-check starts").isFalse();

        // false proves the re-check waited: before the commit the old hash is what a plain read sees
        assertThat(changes.stillCurrent(ada.id(), verified).block(Duration.ofSeconds(30))).as("answered after the change committed").isFalse();
        // the change's own success callback may run after the answer arrived, so wait for it before looking
        change.join();
        assertThat(committed).isTrue();
    }
}
