package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import parley.application.port.out.UserStore.EmailAlreadyTakenException;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class R2dbcUserStoreTest extends MigratedDatabaseTest {

    @Test
    void aStoredUserIsFoundByIdAndByEmailExactlyAsStored() {
        User user = new User(TestIds.userId(), EmailAddress.of("carol@example.com"), DisplayName.of("Carol ☕"), "$argon2id$hash",
                Instant.parse("2026-03-01T10:15:30.123456789Z"));

        User stored = chat.users.insert(user).block();

        // timestamptz keeps microseconds: the store answers with what it will read back later
        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
        assertThat(stored).usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(user);
        assertThat(chat.users.findById(user.id()).block()).usingRecursiveComparison().isEqualTo(stored);
        assertThat(chat.users.findByEmail(EmailAddress.of("CAROL@Example.com")).block()).usingRecursiveComparison().isEqualTo(stored);
    }

    @Test
    void unknownIdsAndAddressesFindNothing() {
        StepVerifier.create(chat.users.findById(TestIds.userId())).verifyComplete();
        StepVerifier.create(chat.users.findByEmail(EmailAddress.of("nobody@example.com"))).verifyComplete();
    }

    @Test
    void aSecondUserWithTheSameAddressInAnyCaseIsRefusedAsEmailTaken() {
        chat.users.insert(new User(TestIds.userId(), EmailAddress.of("dave@example.com"), DisplayName.of("Dave"), "h", chat.tick())).block();
        User twin = new User(TestIds.userId(), EmailAddress.of("  DAVE@Example.COM "), DisplayName.of("Twin"), "h", chat.tick());

        StepVerifier.create(chat.users.insert(twin))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(EmailAlreadyTakenException.class)
                        .hasMessageContaining("dave@example.com"))
                .verify();
        StepVerifier.create(chat.users.findById(twin.id())).verifyComplete();
    }

    @Test
    void anotherUniqueKeyConflictIsNotMistakenForATakenAddress() {
        User erin = chat.user("erin");
        User sameId = new User(erin.id(), EmailAddress.of("someone-else@example.com"), DisplayName.of("Other"), "h", chat.tick());

        StepVerifier.create(chat.users.insert(sameId))
                .expectError(DataIntegrityViolationException.class)
                .verify();
    }

    @Test
    void displayNamesAnswerForKnownUsersOnly() {
        User frank = chat.user("frank");
        User grace = chat.user("grace");

        assertThat(chat.users.displayNames(List.of(frank.id(), grace.id(), TestIds.userId(), frank.id())).block())
                .containsOnly(
                        Map.entry(frank.id(), DisplayName.of("frank")),
                        Map.entry(grace.id(), DisplayName.of("grace")));
        assertThat(chat.users.displayNames(List.of()).block()).isEmpty();
    }
}
