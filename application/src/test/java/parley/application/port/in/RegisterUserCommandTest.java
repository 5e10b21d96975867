package parley.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.domain.shared.InvalidValueException;

class RegisterUserCommandTest {

    private static InvalidValueException refused(Runnable build) {
        Throwable thrown = catchThrowable(build::run);
        assertThat(thrown).isInstanceOf(InvalidValueException.class);
        return (InvalidValueException) thrown;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 101, 500})
    void aPasswordOutside8To100CharactersIsRefused(int length) {
        assertThat(refused(() -> RegisterUserCommand.of("a@example.com", "p".repeat(length), null)).field())
                .isEqualTo("password");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 50, 99, 100})
    void aPasswordOf8To100CharactersIsAccepted(int length) {
        RegisterUserCommand command = RegisterUserCommand.of("a@example.com", "p".repeat(length), null);

        assertThat(command.password()).hasSize(length);
    }

    @Test
    void passwordLengthCountsCharactersNotUtf16Units() {
        String eightEmoji = "🔑".repeat(8); // 16 UTF-16 units
        String hundredOneEmoji = "🔑".repeat(101);

        assertThatCode(() -> RegisterUserCommand.of("a@example.com", eightEmoji, null)).doesNotThrowAnyException();
        assertThat(refused(() -> RegisterUserCommand.of("a@example.com", hundredOneEmoji, null)).field()).isEqualTo("password");
        assertThat(refused(() -> RegisterUserCommand.of("a@example.com", "🔑".repeat(7), null)).field()).isEqualTo("password");
    }

    @Test
    void aMissingPasswordIsRefused() {
        assertThat(refused(() -> RegisterUserCommand.of("a@example.com", null, null)).field()).isEqualTo("password");
    }

    @Test
    void toStringNeverShowsThePassword() {
        RegisterUserCommand command = RegisterUserCommand.of("a@example.com", "hunter2-hunter2", "Alice");

        assertThat(command.toString())
                .doesNotContain("hunter2")
                .contains("a@example.com")
                .contains("Alice");
    }

    @Test
    void aMalformedAddressIsRefusedNamingTheEmail() {
        assertThat(refused(() -> RegisterUserCommand.of("not-an-address", "s3cret-password", null)).field()).isEqualTo("email");
    }

    @Test
    void aBlankDisplayNameIsRefusedRatherThanDefaulted() {
        assertThat(refused(() -> RegisterUserCommand.of("a@example.com", "s3cret-password", "   ")).field()).isEqualTo("displayName");
    }

    @Test
    void theDefaultDisplayNameIsTheLocalPartCutTo50Characters() {
        String local = "x".repeat(60);

        RegisterUserCommand command = RegisterUserCommand.of(local + "@example.com", "s3cret-password", null);

        assertThat(command.displayName().value()).isEqualTo("x".repeat(50));
    }
}
