package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** PROTOCOL-1.1 §2: PUT/DELETE /rooms/{id}/members/{userId}, POST/DELETE/GET /rooms/{id}/bans; statuses and codes. */
class RoomModerationEndpointsTest extends WebTest {

    private WebTestClient.ResponseSpec setRole(Account caller, String room, String userId, Object body) {
        return client.put().uri("/rooms/{r}/members/{u}", room, userId).headers(bearer(caller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec remove(Account caller, String room, String userId) {
        return client.delete().uri("/rooms/{r}/members/{u}", room, userId).headers(bearer(caller)).exchange();
    }

    private WebTestClient.ResponseSpec ban(Account caller, String room, Object body) {
        return client.post().uri("/rooms/{r}/bans", room).headers(bearer(caller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<Map<String, Object>> members(Account caller, String room) {
        return client.get().uri("/rooms/{r}/members", room).headers(bearer(caller)).exchange()
                .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult().getResponseBody();
    }

    private String roleOf(Account caller, String room, Account member) {
        return members(caller, room).stream().filter(m -> m.get("userId").equals(member.id()))
                .map(m -> (String) m.get("role")).findFirst().orElse(null);
    }

    @Test
    void theOwnerMakesAnAdminAndTheMembersListShowsRoles() {
        Account owner = newAccount();
        Account member = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        Map<String, Object> changed = setRole(owner, room, member.id(), Map.of("role", "ADMIN"))
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(changed).containsEntry("userId", member.id()).containsEntry("role", "ADMIN").containsKeys("roomId", "joinedAt");
        assertThat(roleOf(owner, room, member)).isEqualTo("ADMIN");
        assertThat(roleOf(owner, room, owner)).isEqualTo("OWNER");
    }

    @Test
    void givingOwnerTransfersIt() {
        Account owner = newAccount();
        Account member = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        setRole(owner, room, member.id(), Map.of("role", "OWNER")).expectStatus().isOk().expectBody().returnResult();

        assertThat(roleOf(owner, room, member)).isEqualTo("OWNER");
        assertThat(roleOf(owner, room, owner)).isEqualTo("ADMIN");
    }

    @Test
    void forgedRoleChangesAreRefused() {
        Account owner = newAccount();
        Account member = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        expectProblem(setRole(member, room, member.id(), Map.of("role", "OWNER")), HttpStatus.FORBIDDEN, "NOT_ALLOWED");
        expectProblem(setRole(newAccount(), room, member.id(), Map.of("role", "ADMIN")), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
        expectProblem(setRole(owner, room, newAccount().id(), Map.of("role", "ADMIN")), HttpStatus.NOT_FOUND, "MEMBER_NOT_FOUND");
        assertThat(fieldErrors(expectProblem(setRole(owner, room, member.id(), Map.of("role", "GOD", "power", 9)),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED"))).containsOnlyKeys("role", "power");
        assertThat(fieldErrors(expectProblem(setRole(owner, room, "nope", Map.of()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("userId", "role");
        assertThat(roleOf(owner, room, member)).isEqualTo("MEMBER");
    }

    @Test
    void aRemovedMemberIsGoneAndCannotReadTheRoom() {
        Account owner = newAccount();
        Account member = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        remove(owner, room, member.id()).expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(roleOf(owner, room, member)).isNull();
        expectProblem(client.get().uri("/rooms/{r}/messages", room).headers(bearer(member)).exchange(), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
        expectProblem(remove(owner, room, member.id()), HttpStatus.NOT_FOUND, "MEMBER_NOT_FOUND");
        expectProblem(remove(owner, room, owner.id()), HttpStatus.FORBIDDEN, "NOT_ALLOWED");
    }

    @Test
    void aBanSurvivesARejoinAttemptUntilLifted() {
        Account owner = newAccount();
        Account member = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        Map<String, Object> banned = ban(owner, room, Map.of("userId", member.id(), "reason", "spam"))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(banned).containsEntry("userId", member.id()).containsEntry("bannedBy", owner.id()).containsEntry("reason", "spam");
        assertThat(roleOf(owner, room, member)).isNull();
        expectProblem(client.post().uri("/rooms/{r}/join", room).headers(bearer(member)).exchange(), HttpStatus.FORBIDDEN, "BANNED");
        assertThat(client.get().uri("/rooms/{r}/bans", room).headers(bearer(owner)).exchange()
                .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult().getResponseBody())
                .extracting(b -> b.get("userId")).containsExactly(member.id());
        expectProblem(client.get().uri("/rooms/{r}/bans", room).headers(bearer(member)).exchange(), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");

        client.delete().uri("/rooms/{r}/bans/{u}", room, member.id()).headers(bearer(owner)).exchange().expectStatus().isNoContent()
                .expectBody().isEmpty();

        join(member, room);
        assertThat(roleOf(owner, room, member)).isEqualTo("MEMBER");
    }

    @Test
    void badBanRequestsNameTheirFields() {
        Account owner = newAccount();
        String room = createRoomId(owner);
        HashMap<String, Object> body = new HashMap<>();
        body.put("userId", "not-an-id");
        body.put("reason", "r".repeat(501));
        body.put("until", "forever");

        assertThat(fieldErrors(expectProblem(ban(owner, room, body), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("userId", "reason", "until");
        expectProblem(ban(owner, room, Map.of("userId", "01J0000000ZZZZZZZZZZZZZZZZ")), HttpStatus.NOT_FOUND, "USER_NOT_FOUND");
        assertThat(fieldErrors(expectProblem(client.get().uri("/rooms/{r}/bans?limit=501", room).headers(bearer(owner)).exchange(),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED"))).containsOnlyKeys("limit");
    }

    @Test
    void aMemberCannotBanOrUnban() {
        Account owner = newAccount();
        Account member = newAccount();
        Account other = newAccount();
        String room = createRoomId(owner);
        join(member, room);
        join(other, room);

        expectProblem(ban(member, room, Map.of("userId", other.id())), HttpStatus.FORBIDDEN, "NOT_ALLOWED");
        expectProblem(client.delete().uri("/rooms/{r}/bans/{u}", room, other.id()).headers(bearer(member)).exchange(),
                HttpStatus.FORBIDDEN, "NOT_ALLOWED");
        assertThat(roleOf(owner, room, other)).isEqualTo("MEMBER");
    }

    @Test
    void moderatingAPrivateRoomAsANonMemberIsNotFound() {
        Account owner = newAccount();
        String room = (String) client.post().uri("/rooms").headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "secret", "visibility", "PRIVATE")).exchange()
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        Account stranger = newAccount();

        expectProblem(setRole(stranger, room, owner.id(), Map.of("role", "MEMBER")), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        expectProblem(remove(stranger, room, owner.id()), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        expectProblem(ban(stranger, room, Map.of("userId", owner.id())), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        expectProblem(client.get().uri("/rooms/{r}/bans", room).headers(bearer(stranger)).exchange(), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
    }

    @Test
    void whenTheOwnerLeavesTheRoomPassesOn() {
        Account owner = newAccount();
        Account member = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        client.post().uri("/rooms/{r}/leave", room).headers(bearer(owner)).exchange().expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(roleOf(member, room, member)).isEqualTo("OWNER");
    }
}
