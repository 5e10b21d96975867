package parley.adapter.out.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.application.port.out.MessageStore;
import parley.application.port.out.MessageStoreContract;
import parley.application.port.out.RoomStore;
import parley.application.port.out.UserStore;
import parley.testkit.WithRealInfrastructure;

/** The store's contract against the real PostgreSQL; the in-memory fake runs the same tests. */
@WithRealInfrastructure
class R2dbcMessageStoreContractTest extends MessageStoreContract {

    private static PostgresDatabase database;
    private static ChatFixture chat;

    @BeforeAll
    static void migrate() {
        database = PostgresDatabase.createMigrated();
        chat = new ChatFixture(database);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Override
    protected MessageStore messages() {
        return chat.messages;
    }

    @Override
    protected RoomStore rooms() {
        return chat.rooms;
    }

    @Override
    protected UserStore users() {
        return chat.users;
    }
}
