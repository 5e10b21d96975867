package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.instant;
import static parley.adapter.out.postgres.SqlValues.string;

import io.r2dbc.spi.Readable;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import parley.domain.user.UserId;

/** Reads {@code users} rows into {@link User}s. */
final class UserRows {

    static final String COLUMNS = "id, email, display_name, password_hash, created_at";

    private UserRows() {
    }

    static User user(Readable row) {
        return new User(
                new UserId(string(row, "id")),
                new EmailAddress(string(row, "email")),
                new DisplayName(string(row, "display_name")),
                string(row, "password_hash"),
                instant(row, "created_at"));
    }
}
