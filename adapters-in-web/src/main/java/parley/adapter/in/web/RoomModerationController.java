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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.ModerateRoomUseCase;
import parley.domain.room.BanReason;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Roles and moderation in a group room (PROTOCOL-1.1 §2): role changes, removal, bans. */
@RestController
@RequestMapping(path = "/rooms/{roomId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Moderation")
@SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
@ApiProblems.Unauthorized
@ApiResponse(responseCode = "403", description = "NOT_ALLOWED: the caller's role is too low, or the action cannot apply to that member; NOT_A_MEMBER",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
@ApiResponse(responseCode = "409", description = "DIRECT_ROOM: a direct room has no roles or moderation",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
@ApiProblems.RoomNotFound
final class RoomModerationController {

    private static final Set<String> ROLE_FIELDS = Set.of("role");
    private static final Set<String> BAN_FIELDS = Set.of("userId", "reason");

    private final ModerateRoomUseCase moderation;

    RoomModerationController(ModerateRoomUseCase moderation) {
        this.moderation = moderation;
    }

    @PutMapping(path = "/members/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Give a member a role (the owner only); giving OWNER transfers it and makes me an ADMIN",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(example = "{\"role\": \"ADMIN\"}"))))
    @ApiResponse(responseCode = "200", description = "The member's membership with the new role")
    @ApiProblems.JsonBody
    Mono<MembershipJson> changeRole(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                    @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                                    @Parameter(description = "The member's user id") @PathVariable("userId") String userId,
                                    @RequestBody(required = false) JsonNode json) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        UserId target = errors.check("userId", () -> UserId.of(userId));
        JsonRequest body = JsonRequest.of(json, errors, ROLE_FIELDS);
        Role role = body.choice("role", Role.class);
        if (role == null) {
            errors.add("role", "is required: one of OWNER, ADMIN, MEMBER");
        }
        errors.throwIfAny();
        return moderation.changeRole(room, caller, target, role).map(MembershipJson::from);
    }

    @DeleteMapping("/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (the owner any, an admin only members); their sockets get nothing more of the room")
    @ApiResponse(responseCode = "204", description = "The user is not a member any more")
    @ApiResponse(responseCode = "404", description = "MEMBER_NOT_FOUND: that user is not a member; ROOM_NOT_FOUND",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    Mono<Void> remove(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                      @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                      @Parameter(description = "The member's user id") @PathVariable("userId") String userId) {
        Target target = Target.of(roomId, userId);
        return moderation.remove(target.room(), caller, target.user());
    }

    @PostMapping(path = "/bans", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ban a user (as removing): no rejoining and no invitation until unbanned",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(example = "{\"userId\": \"01J9Z8Q6W4T5N3B2V1C0X9Y8Z7\", \"reason\": \"spam\"}"))))
    @ApiResponse(responseCode = "201", description = "The ban (the first one, if the user was banned already)")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND: no such user; ROOM_NOT_FOUND",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    Mono<ResponseEntity<BanJson>> ban(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                      @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                                      @RequestBody(required = false) JsonNode json) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        JsonRequest body = JsonRequest.of(json, errors, BAN_FIELDS);
        String rawUser = body.text("userId");
        String rawReason = body.text("reason");
        UserId target = errors.check("userId", () -> UserId.of(rawUser));
        BanReason reason = errors.check("reason", () -> BanReason.of(rawReason));
        errors.throwIfAny();
        return moderation.ban(room, caller, target, reason)
                .map(BanJson::from)
                .map(ban -> ResponseEntity.created(URI.create("/rooms/" + room.value() + "/bans/" + ban.userId())).body(ban));
    }

    @DeleteMapping("/bans/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Lift a ban (the owner or an admin); lifting one that is not there changes nothing")
    @ApiResponse(responseCode = "204", description = "The user is not banned")
    Mono<Void> unban(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                     @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                     @Parameter(description = "The banned user's id") @PathVariable("userId") String userId) {
        Target target = Target.of(roomId, userId);
        return moderation.unban(target.room(), caller, target.user());
    }

    @GetMapping("/bans")
    @Operation(summary = "A page of the room's bans ordered by user id (the owner or an admin)",
            description = "limit 1..500 (100 without one); for the next page ask again with after=<the last userId> until a page is "
                    + "shorter than the limit.")
    @ApiResponse(responseCode = "200", description = "The bans of this page")
    Mono<List<BanJson>> bans(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                             @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                                             @Parameter(description = "Bans after this user id (the last of the previous page)")
                                             @RequestParam(name = "after", required = false) String after,
                                             @Parameter(description = "Bans per page, 1 to 500")
                                             @RequestParam(name = "limit", required = false) String limit) {
        FieldErrors errors = new FieldErrors();
        RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
        UserId cursor = after == null ? null : errors.check("after", () -> UserId.of(after));
        Integer size = errors.wholeNumber("limit", limit);
        errors.throwIfAny();
        return moderation.bans(room, caller, cursor, size).map(BanJson::from).collectList();
    }

    /** The room and the user a path names, both checked (every wrong one reported). */
    private record Target(RoomId room, UserId user) {

        static Target of(String roomId, String userId) {
            FieldErrors errors = new FieldErrors();
            RoomId room = errors.check("roomId", () -> RoomId.of(roomId));
            UserId user = errors.check("userId", () -> UserId.of(userId));
            errors.throwIfAny();
            return new Target(room, user);
        }
    }
}
