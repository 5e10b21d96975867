package parley.contract.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantsTest {

    @Test
    void readsWhatInstantToStringWritesForAnyInstantOfFourDigitYears() {
        SplittableRandom random = new SplittableRandom(20261125);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), nanos);
            assertThat(UtcInstants.parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-25T10:15:30Z", "2026-11-25T10:15:30.1Z", "2026-11-25T10:15:30.12Z", "2026-11-25T10:15:30.1234Z",
        "2026-11-25T10:15:30.123456789Z", "2026-11-25T10:15:30.000000001Z", "2026-11-25T10:15:30+02:00",
        "2026-11-25T10:15:30.5-01:30", "+12026-11-25T10:15:30Z", "2026-11-25T23:59:60Z", "2026-11-25T24:00:00Z",
        "2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-25t10:15:30z", "2026-11-25T10:15:30.Z"})
    void agreesWithInstantParseOnValidText(String text) {
        assertThat(UtcInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "Z", "2026-11-25", "2026-11-25T10:15Z", "2026-11-25T10:15:30",
        "2026-11-25T10:15:30.1234567890Z", "2026-13-25T10:15:30Z", "2026-02-30T10:15:30Z", "2025-02-29T00:00:00Z",
        "2026-11-25T25:15:30Z", "2026-11-25T10:60:30Z", "2026-11-25T10:15:61Z", "2026-11-25 10:15:30Z",
        "2026-11-2xT10:15:30Z", "2026-11-25T10:15:30,5Z", "2026-11-25T10:15:3０Z", "-026-11-25T10:15:30Z"})
    void rejectsWhatInstantParseRejects(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> UtcInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
