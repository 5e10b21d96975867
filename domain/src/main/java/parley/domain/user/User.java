package parley.domain.user;

import java.time.Instant;
import java.util.Objects;

/** A registered person. The password hash is opaque to the domain: hashing is an outgoing port. */
public record User(UserId id, EmailAddress email, DisplayName displayName, String passwordHash, Instant createdAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        // never print the hash
        return "User[id=" + id + ", email=" + email + ", displayName=" + displayName + "]";
    }
}
