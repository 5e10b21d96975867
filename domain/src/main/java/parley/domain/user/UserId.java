package parley.domain.user;

import parley.domain.shared.Ulid;

/** Identifies a user; a ULID. */
public record UserId(String value) implements Comparable<UserId> {

    public UserId {
        value = Ulid.require("userId", value);
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
