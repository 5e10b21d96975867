package parley.application.model;

import java.util.Objects;
import parley.domain.message.MessageId;
import parley.domain.shared.InvalidValueException;

/**
 * Which slice of a room's history to read: the latest {@code limit} messages, the newest
 * {@code limit} older than a message, or the oldest {@code limit} newer than one. Results are
 * ascending in every case.
 */
public sealed interface HistoryPage {

    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 100;

    int limit();

    record Latest(int limit) implements HistoryPage {
        public Latest {
            checkLimit(limit);
        }
    }

    record Before(MessageId before, int limit) implements HistoryPage {
        public Before {
            Objects.requireNonNull(before, "before");
            checkLimit(limit);
        }
    }

    record After(MessageId after, int limit) implements HistoryPage {
        public After {
            Objects.requireNonNull(after, "after");
            checkLimit(limit);
        }
    }

    /** Builds a page from the query parameters of the contract; both cursors at once is an error. */
    static HistoryPage of(Integer limit, String before, String after) {
        int checkedLimit = limit == null ? DEFAULT_LIMIT : limit;
        if (before != null && after != null) {
            throw new InvalidValueException("before", "give either before or after, not both");
        }
        if (before != null) {
            return new Before(parseCursor("before", before), checkedLimit);
        }
        if (after != null) {
            return new After(parseCursor("after", after), checkedLimit);
        }
        return new Latest(checkedLimit);
    }

    private static MessageId parseCursor(String field, String value) {
        try {
            return new MessageId(value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, e.reason());
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
