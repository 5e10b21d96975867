package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.InviteToRoomUseCase;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Invitations to group rooms (PROTOCOL-1.1 §2): invite, withdraw or decline, and the caller's own. */
@RestController
@Tag(name = "Invitations")
@SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
@ApiProblems.Unauthorized
final class RoomInvitationController {

    private static final Set<String> INVITE_FIELDS = Set.of("userId");

    private final InviteToRoomUseCase invitations;

    RoomInvitationController(InviteToRoomUseCase invitations) {
        this.invitations = invitations;
    }

    @PostMapping(path = "/rooms/{roomId}/invitations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Invite a user (to a private room the owner or an admin, to a public one any member)",
            description = "Inviting again answers with the pending invitation. Joining consumes it; for a private room it is the only way in.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(example = "{\"userId\": \"01J9Z8Q6W4T5N3B2V1C0X9Y8Z7\"}"))))
    @ApiResponse(responseCode = "201", description = "The pending invitation")
    @ApiResponse(responseCode = "403", description = "NOT_ALLOWED: only the owner or an admin invites to a private room; "
            + "BANNED: that user is banned from the room; NOT_A_MEMBER",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND: no such user; ROOM_NOT_FOUND (also a private room the caller is not in)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "409", description = "ALREADY_MEMBER: that user is in the room; DIRECT_ROOM: nobody is invited to a direct room",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "429", description = "LIMIT_REACHED: the room has as many pending invitations as it may have",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    Mono<ResponseEntity<InvitationJson>> invite(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                                @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                                                @RequestBody(required = false) JsonNode json) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        JsonRequest body = JsonRequest.of(json, errors, INVITE_FIELDS);
        String rawInvitee = body.text("userId");
        UserId invitee = errors.check("userId", () -> UserId.of(rawInvitee));
        errors.throwIfAny();
        return invitations.invite(room, caller, invitee)
                .map(InvitationJson::from)
                .map(invitation -> ResponseEntity.created(URI.create("/rooms/" + room.value() + "/invitations/" + invitation.userId()))
                        .body(invitation));
    }

    @DeleteMapping("/rooms/{roomId}/invitations/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw an invitation (who may invite), or decline one's own",
            description = "Withdrawing an invitation that is not pending changes nothing.")
    @ApiResponse(responseCode = "204", description = "The user has no pending invitation to the room")
    @ApiResponse(responseCode = "403", description = "NOT_ALLOWED: only the owner or an admin withdraws from a private room; NOT_A_MEMBER",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "409", description = "DIRECT_ROOM: a direct room has no invitations",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.RoomNotFound
    Mono<Void> withdraw(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                        @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                        @Parameter(description = "The invitee's user id") @PathVariable("userId") String userId) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        UserId invitee = errors.check("userId", () -> UserId.of(userId));
        errors.throwIfAny();
        return invitations.withdraw(room, caller, invitee);
    }

    @GetMapping(path = "/invitations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "My pending invitations, newest first, each with its room",
            description = "At most parley.rooms.invitations-listed (100) of them.")
    @ApiResponse(responseCode = "200", description = "The caller's pending invitations")
    Mono<List<PendingInvitationJson>> mine(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller) {
        return invitations.pending(caller).map(PendingInvitationJson::from).collectList();
    }
}
