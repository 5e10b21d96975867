package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import parley.application.model.AccessToken;

/** The answer to a successful log-in. */
@Schema(name = "AccessToken")
record AccessTokenJson(
        @Schema(description = "Send as Authorization: Bearer <accessToken>") String accessToken,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "Seconds until the token expires", example = "3600") long expiresIn) {

    static AccessTokenJson from(AccessToken token) {
        return new AccessTokenJson(token.value(), "Bearer", token.expiresIn().toSeconds());
    }

    @Override
    public String toString() {
        return "AccessTokenJson[expiresIn=" + expiresIn + "]";
    }
}
