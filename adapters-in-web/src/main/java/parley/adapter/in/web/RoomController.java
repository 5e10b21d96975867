package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import parley.application.port.in.CreateRoomUseCase;
import parley.application.port.in.DiscoverRoomsQuery;
import parley.application.port.in.GetRoomQuery;
import parley.application.port.in.ListMyRoomsQuery;
import parley.application.port.in.UpdateRoomUseCase;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Creating and changing rooms and finding them: mine, ones I may join, one by id. */
@RestController
@RequestMapping(path = "/rooms", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rooms")
@SecurityRequirement(name = BearerAuthenticationFilter.SCHEME)
@ApiProblems.Unauthorized
final class RoomController {

    private final CreateRoomUseCase createRoom;
    private final ListMyRoomsQuery myRooms;
    private final DiscoverRoomsQuery discoverRooms;
    private final GetRoomQuery getRoom;
    private final UpdateRoomUseCase updateRoom;

    RoomController(CreateRoomUseCase createRoom, ListMyRoomsQuery myRooms, DiscoverRoomsQuery discoverRooms, GetRoomQuery getRoom,
                   UpdateRoomUseCase updateRoom) {
        this.createRoom = createRoom;
        this.updateRoom = updateRoom;
        this.myRooms = myRooms;
        this.discoverRooms = discoverRooms;
        this.getRoom = getRoom;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a room; the creator becomes its owner", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = CreateRoomRequest.class))))
    @ApiResponse(responseCode = "201", description = "The new room; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = RoomJson.class)))
    @ApiProblems.JsonBody
    Mono<ResponseEntity<RoomJson>> create(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                                          @RequestBody(required = false) JsonNode body) {
        return createRoom.create(CreateRoomRequest.command(caller, body))
                .map(RoomJson::from)
                .map(room -> ResponseEntity.created(URI.create("/rooms/" + room.id())).body(room));
    }

    @GetMapping
    @Operation(summary = "The rooms I am a member of, newest activity first")
    @ApiResponse(responseCode = "200", description = "My rooms with member and unread counts")
    Flux<RoomJson> mine(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller) {
        return myRooms.myRooms(caller).map(RoomJson::from);
    }

    @GetMapping("/discover")
    @Operation(summary = "Rooms I may join, optionally filtered by name, newest activity first")
    @ApiResponse(responseCode = "200", description = "Rooms I am not a member of")
    Flux<RoomJson> discover(
            @RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
            @Parameter(description = "Part of the room name, case-insensitive; blank matches all",
                    schema = @Schema(maxLength = DiscoverRoomsQuery.MAX_QUERY_LENGTH))
            @RequestParam(name = "q", required = false) String query,
            @Parameter(description = "How many rooms at most",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
            @RequestParam(name = "limit", required = false) String limit) {
        FieldErrors errors = new FieldErrors();
        Integer checkedLimit = errors.wholeNumber("limit", limit);
        errors.throwIfAny();
        return discoverRooms.discover(caller, query, checkedLimit).map(RoomJson::from);
    }

    @PatchMapping(path = "/{roomId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a room's name, description or visibility (its owner or an admin)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    required = true, content = @Content(schema = @Schema(implementation = UpdateRoomRequest.class))))
    @ApiResponse(responseCode = "200", description = "The room as changed")
    @ApiResponse(responseCode = "403", description = "NOT_ALLOWED: only the owner or an admin changes a room; NOT_A_MEMBER",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemJson.class)))
    @ApiResponse(responseCode = "409", description = "DIRECT_ROOM: a direct room cannot be changed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemJson.class)))
    @ApiProblems.JsonBody
    @ApiProblems.RoomNotFound
    Mono<RoomJson> update(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                          @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId,
                          @RequestBody(required = false) JsonNode body) {
        RoomId id = RoomId.of(roomId);
        return updateRoom.update(id, caller, UpdateRoomRequest.changes(body)).map(RoomJson::from);
    }

    @GetMapping("/{roomId}")
    @Operation(summary = "One room I am a member of")
    @ApiResponse(responseCode = "200", description = "The room with my figures")
    @ApiProblems.NotAMember
    @ApiProblems.RoomNotFound
    Mono<RoomJson> room(@RequestAttribute(BearerAuthenticationFilter.CALLER) UserId caller,
                        @Parameter(description = "The room's ULID") @PathVariable("roomId") String roomId) {
        return getRoom.room(RoomId.of(roomId), caller).map(RoomJson::from);
    }
}
