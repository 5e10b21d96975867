package parley.adapter.out.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.application.port.out.SessionStore;
import parley.application.port.out.SessionStoreContract;
import parley.application.port.out.UserStore;
import parley.testkit.WithRealInfrastructure;

/** The store's contract against the real PostgreSQL; the in-memory fake runs the same tests. */
@WithRealInfrastructure
class R2dbcSessionStoreContractTest extends SessionStoreContract {

    private static PostgresDatabase database;
    private static R2dbcUserStore users;
    private static R2dbcSessionStore sessions;

    @BeforeAll
    static void migrate() {
        database = PostgresDatabase.createMigrated();
        users = new R2dbcUserStore(database.client);
        sessions = new R2dbcSessionStore(database.client);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Override
    protected SessionStore sessions() {
        return sessions;
    }

    @Override
    protected UserStore users() {
        return users;
    }
}
