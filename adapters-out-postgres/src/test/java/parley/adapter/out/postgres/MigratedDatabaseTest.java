package parley.adapter.out.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.testkit.WithRealInfrastructure;

/** A fresh, migrated database of the real PostgreSQL per test class, dropped afterwards. */
@WithRealInfrastructure
abstract class MigratedDatabaseTest {

    static PostgresDatabase database;
    static ChatFixture chat;

    @BeforeAll
    static void migrate() {
        database = PostgresDatabase.createMigrated();
        chat = new ChatFixture(database);
    }

    @AfterAll
    static void drop() {
        database.close();
    }
}
