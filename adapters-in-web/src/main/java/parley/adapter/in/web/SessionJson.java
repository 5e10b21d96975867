package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.application.model.SessionView;

/** One of the caller's sessions. */
@Schema(name = "Session")
record SessionJson(
        @Schema(description = "The session's ULID") String id,
        Instant createdAt,
        @Schema(description = "When it signed in or last refreshed") Instant lastUsedAt,
        @Schema(description = "The User-Agent it signed in with, cut to 256 characters; empty when none") String userAgent,
        @Schema(description = "Whether this is the session of the token that asked") boolean current) {

    static SessionJson from(SessionView view) {
        return new SessionJson(view.id().value(), view.createdAt(), view.lastUsedAt(), view.userAgent(), view.current());
    }
}
