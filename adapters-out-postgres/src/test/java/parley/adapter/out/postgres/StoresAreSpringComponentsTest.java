package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.MessageStore;
import parley.application.port.out.RoomStore;
import parley.application.port.out.UserStore;
import parley.testkit.WithRealInfrastructure;

/** What the boot modules rely on: scanning this package yields one store per port, built from two beans. */
@WithRealInfrastructure
class StoresAreSpringComponentsTest {

    private static PostgresDatabase database;

    @BeforeAll
    static void migrate() {
        database = PostgresDatabase.createMigrated();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void scanningThePackageGivesOneWorkingStorePerPortFromADatabaseClientAndATransactionalOperator() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(DatabaseClient.class, () -> database.client);
            context.registerBean(TransactionalOperator.class, () -> database.transactions);
            context.scan("parley.adapter.out.postgres");
            context.refresh();

            assertThat(context.getBean(UserStore.class)).isInstanceOf(R2dbcUserStore.class);
            assertThat(context.getBean(RoomStore.class)).isInstanceOf(R2dbcRoomStore.class);
            assertThat(context.getBean(MembershipStore.class)).isInstanceOf(R2dbcMembershipStore.class);
            assertThat(context.getBean(MessageStore.class)).isInstanceOf(R2dbcMessageStore.class);
            assertThat(context.getBean(parley.application.port.out.SessionStore.class)).isInstanceOf(R2dbcSessionStore.class);
            assertThat(context.getBean(UserStore.class).findById(TestIds.userId()).hasElement().block()).isFalse();
        }
    }
}
