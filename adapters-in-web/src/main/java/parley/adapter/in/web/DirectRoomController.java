package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.OpenDirectRoomUseCase;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The direct room of the caller and another user (PROTOCOL-1.1 §2, §7): one per pair. */
@RestController
@Tag(name = "Rooms")
@SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
@ApiProblems.Unauthorized
final class DirectRoomController {

    private static final Set<String> FIELDS = Set.of("userId");

    private final OpenDirectRoomUseCase directRooms;

    DirectRoomController(OpenDirectRoomUseCase directRooms) {
        this.directRooms = directRooms;
    }

    @PostMapping(path = "/direct-rooms", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The direct room with a user, created when the two have none",
            description = "Private, both users MEMBERs, named by the peer for each; the same pair always gets the same room, "
                    + "also when both create it at once.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(example = "{\"userId\": \"01J9Z8Q6W4T5N3B2V1C0X9Y8Z7\"}"))))
    @ApiResponse(responseCode = "201", description = "The room, new")
    @ApiResponse(responseCode = "200", description = "The room, as it was")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND: no such user",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    Mono<ResponseEntity<RoomJson>> open(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                        @RequestBody(required = false) JsonNode json) {
        FieldErrors errors = new FieldErrors();
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        String rawPeer = body.text("userId");
        UserId peer = errors.check("userId", () -> UserId.of(rawPeer));
        errors.throwIfAny();
        return directRooms.open(caller, peer).map(opened -> {
            RoomJson room = RoomJson.from(opened.room());
            return opened.created()
                    ? ResponseEntity.created(URI.create("/rooms/" + room.id())).body(room)
                    : ResponseEntity.ok(room);
        });
    }
}
