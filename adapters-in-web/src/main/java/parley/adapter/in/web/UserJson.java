package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import parley.domain.user.User;

/** An account as its owner sees it; never the password hash. */
@Schema(name = "User")
record UserJson(
        @Schema(example = "01J9Z8Q6W4T5N3B2V1C0X9Y8Z7") String id,
        @Schema(example = "ada@example.com") String email,
        @Schema(example = "Ada") String displayName) {

    static UserJson from(User user) {
        return new UserJson(user.id().value(), user.email().value(), user.displayName().value());
    }
}
