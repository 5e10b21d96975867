package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.GetRoomHistoryQuery;
import parley.application.model.HistoryPage;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;

/** Reading what was said in a room, page by page. */
@RestController
@RequestMapping(path = "/rooms/{roomId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Messages")
@SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
@ApiProblems.Unauthorized
final class RoomHistoryController {

    private final GetRoomHistoryQuery history;

    RoomHistoryController(GetRoomHistoryQuery history) {
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "A page of the room's messages, always in ascending id order",
            description = "Without a cursor: the latest `limit` messages. `before`: the newest `limit` messages older than that id"
                    + " (page backwards). `after`: the oldest `limit` messages newer than that id (catch up). Not both.")
    @ApiResponse(responseCode = "200", description = "The messages, oldest first")
    @ApiProblems.NotAMember
    @ApiProblems.RoomNotFound
    Flux<MessageJson> messages(
            @RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
            @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
            @Parameter(description = "How many messages at most",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @RequestParam(name = "limit", required = false) String limit,
            @Parameter(description = "A message id: read the messages before it") @RequestParam(name = "before", required = false) String before,
            @Parameter(description = "A message id: read the messages after it") @RequestParam(name = "after", required = false) String after) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        Integer checkedLimit = errors.wholeNumber("limit", limit);
        HistoryPage page = errors.has("limit") ? null : errors.check(() -> HistoryPage.of(checkedLimit, blankAsAbsent(before), blankAsAbsent(after)));
        errors.throwIfAny();
        return history.history(room, caller, page).map(MessageJson::from);
    }

    private static String blankAsAbsent(String cursor) {
        return cursor == null || cursor.isBlank() ? null : cursor;
    }
}
