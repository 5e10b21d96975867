package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import parley.application.model.IssuedTokens;

/** The answer to a successful log-in or refresh. */
@Schema(name = "AccessToken")
record AccessTokenJson(
        @Schema(description = "Send as Authorization: Bearer <accessToken>") String accessToken,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "Seconds until the access token expires", example = "3600") long expiresIn,
        @Schema(description = "Opaque; exchange it once at POST /auth/refresh for new tokens") String refreshToken,
        @Schema(description = "Seconds until the refresh token expires (each refresh starts it again)", example = "2592000")
        long refreshExpiresIn) {

    static AccessTokenJson from(IssuedTokens tokens) {
        return new AccessTokenJson(tokens.access().value(), "Bearer", tokens.access().expiresIn().toSeconds(), tokens.refresh().value(),
                tokens.refresh().expiresIn().toSeconds());
    }

    @Override
    public String toString() {
        return "AccessTokenJson[expiresIn=" + expiresIn + ", refreshExpiresIn=" + refreshExpiresIn + "]";
    }
}
