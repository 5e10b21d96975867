package parley.domain.session;

import parley.domain.shared.Ulid;

/** Identifies a sign-in session; a ULID. Access tokens carry it as {@code sid}, refresh tokens start with it. */
public record SessionId(String value) implements Comparable<SessionId> {

    public SessionId {
        value = Ulid.require("sessionId", value);
    }

    public static SessionId of(String value) {
        return new SessionId(value);
    }

    @Override
    public int compareTo(SessionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
