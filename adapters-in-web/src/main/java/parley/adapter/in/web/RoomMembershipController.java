package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.JoinRoomUseCase;
import parley.application.port.in.LeaveRoomUseCase;
import parley.application.port.in.ListRoomMembersQuery;
import parley.application.port.in.MarkReadUseCase;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Being in a room: joining, leaving, who else is there, how far I have read. */
@RestController
@RequestMapping(path = "/rooms/{roomId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Membership")
@SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
@ApiProblems.Unauthorized
final class RoomMembershipController {

    private final JoinRoomUseCase joinRoom;
    private final LeaveRoomUseCase leaveRoom;
    private final ListRoomMembersQuery members;
    private final MarkReadUseCase markRead;

    RoomMembershipController(JoinRoomUseCase joinRoom, LeaveRoomUseCase leaveRoom, ListRoomMembersQuery members, MarkReadUseCase markRead) {
        this.joinRoom = joinRoom;
        this.leaveRoom = leaveRoom;
        this.members = members;
        this.markRead = markRead;
    }

    @PostMapping("/join")
    @Operation(summary = "Join a room; joining a room I am in already changes nothing")
    @ApiResponse(responseCode = "200", description = "My membership (the existing one if I was a member)")
    @ApiProblems.RoomNotFound
    Mono<MembershipJson> join(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                              @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId) {
        return joinRoom.join(RoomId.of(roomId), caller).map(MembershipJson::from);
    }

    @PostMapping("/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave a room; leaving a room I am not in changes nothing")
    @ApiResponse(responseCode = "204", description = "I am not a member any more")
    @ApiProblems.RoomNotFound
    Mono<Void> leave(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                     @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId) {
        return leaveRoom.leave(RoomId.of(roomId), caller);
    }

    @GetMapping("/members")
    @Operation(summary = "A page of the members of a room I am in, ordered by user id, with their presence",
            description = "Without limit, the first page of the default size (100). When more follow, the Link header names the "
                    + "next page: <…/members?after=<last userId>&limit=n>; rel=\"next\".")
    @ApiResponse(responseCode = "200", description = "The members of this page")
    @ApiProblems.NotAMember
    @ApiProblems.RoomNotFound
    Mono<ResponseEntity<List<RoomMemberJson>>> members(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                                       @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                                                       @Parameter(description = "Members after this user id (the last of the previous page)")
                                                       @RequestParam(name = "after", required = false) String after,
                                                       @Parameter(description = "Members per page, 1 to the maximum (500)")
                                                       @RequestParam(name = "limit", required = false) Integer limit) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        UserId cursor = after == null ? null : errors.check("after", () -> UserId.of(after));
        errors.throwIfAny();
        return members.members(room, caller, cursor, limit).map(page -> {
            List<RoomMemberJson> body = page.members().stream().map(RoomMemberJson::from).toList();
            ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
            if (page.more()) {
                String last = page.members().getLast().membership().userId().value();
                ok.header(HttpHeaders.LINK, "</rooms/" + room.value() + "/members?after=" + last + "&limit=" + body.size() + ">; rel=\"next\"");
            }
            return ok.body(body);
        });
    }

    @PostMapping(path = "/read", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Move my read marker forward; an older message id leaves it where it is",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    required = true, content = @Content(schema = @Schema(implementation = MarkReadRequest.class))))
    @ApiResponse(responseCode = "204", description = "The marker is at the message or past it")
    @ApiResponse(responseCode = "404", description = "ROOM_NOT_FOUND, or MESSAGE_NOT_FOUND: the id is not a message of this room",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.NotAMember
    @ApiProblems.JsonBody
    Mono<Void> markRead(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                        @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                        @RequestBody(required = false) JsonNode body) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        MessageId messageId = MarkReadRequest.messageId(body, errors);
        errors.throwIfAny();
        return markRead.markRead(room, caller, messageId);
    }
}
