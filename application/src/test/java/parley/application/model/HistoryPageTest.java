package parley.application.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.domain.message.MessageId;
import parley.domain.shared.InvalidValueException;

class HistoryPageTest {

    private static final String ID = "01J00000000000000000000001";

    private static String refusedField(Runnable build) {
        Throwable thrown = catchThrowable(build::run);
        assertThat(thrown).isInstanceOf(InvalidValueException.class);
        return ((InvalidValueException) thrown).field();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 50, 99, 100})
    void aLimitOf1To100IsAccepted(int limit) {
        assertThat(HistoryPage.of(limit, null, null).limit()).isEqualTo(limit);
        assertThat(HistoryPage.of(limit, ID, null).limit()).isEqualTo(limit);
        assertThat(HistoryPage.of(limit, null, ID).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 101, 1000})
    void aLimitOutside1To100IsRefusedNamingTheLimit(int limit) {
        assertThat(refusedField(() -> HistoryPage.of(limit, null, null))).isEqualTo("limit");
        assertThat(refusedField(() -> HistoryPage.of(limit, ID, null))).isEqualTo("limit");
        assertThat(refusedField(() -> HistoryPage.of(limit, null, ID))).isEqualTo("limit");
    }

    @Test
    void withoutALimitThePageHoldsFifty() {
        assertThat(HistoryPage.of(null, null, null)).isEqualTo(new HistoryPage.Latest(50));
    }

    @Test
    void theCursorChoosesTheKindOfPage() {
        assertThat(HistoryPage.of(10, null, null)).isEqualTo(new HistoryPage.Latest(10));
        assertThat(HistoryPage.of(10, ID, null)).isEqualTo(new HistoryPage.Before(MessageId.of(ID), 10));
        assertThat(HistoryPage.of(10, null, ID)).isEqualTo(new HistoryPage.After(MessageId.of(ID), 10));
    }

    @Test
    void aLowerCaseCursorIsReadInItsCanonicalForm() {
        assertThat(HistoryPage.of(10, ID.toLowerCase(), null)).isEqualTo(new HistoryPage.Before(MessageId.of(ID), 10));
    }

    @Test
    void bothCursorsAtOnceAreRefused() {
        assertThat(refusedField(() -> HistoryPage.of(10, ID, ID))).isEqualTo("before");
    }

    @Test
    void aMalformedCursorIsRefusedNamingItsParameter() {
        assertThat(refusedField(() -> HistoryPage.of(10, "not-a-ulid", null))).isEqualTo("before");
        assertThat(refusedField(() -> HistoryPage.of(10, null, "not-a-ulid"))).isEqualTo("after");
    }
}
