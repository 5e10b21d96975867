package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** PROTOCOL-1.1 §2, §7: POST /direct-rooms; statuses, codes and the rules of a direct room. */
class DirectRoomEndpointsTest extends WebTest {

    private WebTestClient.ResponseSpec open(Account caller, Object body) {
        return client.post().uri("/direct-rooms").headers(bearer(caller)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void theFirstOpeningCreatesTheRoomAndBothThenGetTheSameOneNamedByTheirPeer() {
        Account ada = newAccount("Ada");
        Account grace = newAccount("Grace");

        WebTestClient.ResponseSpec created = open(ada, Map.of("userId", grace.id())).expectStatus().isCreated();
        Map<String, Object> room = created.expectBody(JSON_OBJECT).returnResult().getResponseBody();
        Map<String, Object> again = open(grace, Map.of("userId", ada.id())).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(room).containsEntry("kind", "DIRECT").containsEntry("visibility", "PRIVATE").containsEntry("myRole", "MEMBER")
                .containsEntry("name", "Grace").containsEntry("peer", Map.of("id", grace.id(), "displayName", "Grace"))
                .containsEntry("memberCount", 2);
        assertThat(again).containsEntry("id", room.get("id")).containsEntry("name", "Ada");
        List<Map<String, Object>> gracesRooms = client.get().uri("/rooms").headers(bearer(grace)).exchange()
                .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult().getResponseBody();
        assertThat(gracesRooms).extracting(r -> r.get("name")).containsExactly("Ada");
    }

    @Test
    void aDirectRoomHasNoJoinLeaveInviteChangeOrModerationAndIsHiddenFromOthers() {
        Account ada = newAccount();
        Account grace = newAccount();
        Account eve = newAccount();
        String room = (String) open(ada, Map.of("userId", grace.id())).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        expectProblem(client.post().uri("/rooms/{r}/leave", room).headers(bearer(ada)).exchange(), HttpStatus.CONFLICT, "DIRECT_ROOM");
        expectProblem(client.post().uri("/rooms/{r}/invitations", room).headers(bearer(ada)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", eve.id())).exchange(), HttpStatus.CONFLICT, "DIRECT_ROOM");
        expectProblem(client.patch().uri("/rooms/{r}", room).headers(bearer(ada)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "ours")).exchange(), HttpStatus.CONFLICT, "DIRECT_ROOM");
        expectProblem(client.delete().uri("/rooms/{r}/members/{u}", room, grace.id()).headers(bearer(ada)).exchange(),
                HttpStatus.CONFLICT, "DIRECT_ROOM");
        expectProblem(client.post().uri("/rooms/{r}/join", room).headers(bearer(eve)).exchange(), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        expectProblem(client.get().uri("/rooms/{r}/messages", room).headers(bearer(eve)).exchange(), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
    }

    @Test
    void badOpeningsAreRefused() {
        Account ada = newAccount();

        assertThat(fieldErrors(expectProblem(open(ada, Map.of("userId", ada.id())), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("userId");
        expectProblem(open(ada, Map.of("userId", "01J0000000ZZZZZZZZZZZZZZZZ")), HttpStatus.NOT_FOUND, "USER_NOT_FOUND");
        assertThat(fieldErrors(expectProblem(open(ada, Map.of("userId", "nope", "name", "x")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("userId", "name");
        assertThat(fieldErrors(expectProblem(open(ada, Map.of()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED"))).containsOnlyKeys("userId");
    }
}
