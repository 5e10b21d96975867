package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import parley.domain.user.User;

/** Another user as anybody may see them: no e-mail address. */
@Schema(name = "UserCard")
public record UserCardJson(@Schema(example = "01J9Z8Q6W4T5N3B2V1C0X9Y8Z7") String id, @Schema(example = "Ada") String displayName) {

    static UserCardJson from(User user) {
        return new UserCardJson(user.id().value(), user.displayName().value());
    }
}
