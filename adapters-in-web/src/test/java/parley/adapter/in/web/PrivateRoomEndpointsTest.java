package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** PROTOCOL-1.1 §2, §7: private rooms, PATCH /rooms/{id}, and their statuses and codes. */
class PrivateRoomEndpointsTest extends WebTest {

    private Map<String, Object> createPrivate(Account owner, String name) {
        return client.post().uri("/rooms").headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "visibility", "PRIVATE"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec patch(Account caller, String roomId, Object body) {
        return client.patch().uri("/rooms/{id}", roomId).headers(bearer(caller)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec call(Account caller, HttpMethod method, String uri, Object body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(uri).headers(bearer(caller));
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void aPrivateRoomIsCreatedPrivateAndItsOwnerSeesIt() {
        Account owner = newAccount();

        Map<String, Object> room = createPrivate(owner, "secret");

        assertThat(room).containsEntry("visibility", "PRIVATE").containsEntry("kind", "GROUP").containsEntry("myRole", "OWNER");
        assertThat(client.get().uri("/rooms/{id}", room.get("id")).headers(bearer(owner)).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody())
                .containsEntry("visibility", "PRIVATE");
    }

    @Test
    void everyPathOfAPrivateRoomAnswersANonMemberAsForAnUnknownRoom() {
        Account owner = newAccount();
        Account stranger = newAccount();
        String secret = (String) createPrivate(owner, "secret").get("id");
        String someMessage = "01J0000000ZZZZZZZZZZZZZZZZ";

        for (String room : List.of(secret, RoomEndpointsTest.UNKNOWN_ROOM)) {
            List<WebTestClient.ResponseSpec> answers = List.of(
                    call(stranger, HttpMethod.GET, "/rooms/" + room, null),
                    call(stranger, HttpMethod.PATCH, "/rooms/" + room, Map.of("name", "mine")),
                    call(stranger, HttpMethod.POST, "/rooms/" + room + "/join", null),
                    call(stranger, HttpMethod.POST, "/rooms/" + room + "/leave", null),
                    call(stranger, HttpMethod.GET, "/rooms/" + room + "/members", null),
                    call(stranger, HttpMethod.GET, "/rooms/" + room + "/messages", null),
                    call(stranger, HttpMethod.GET, "/rooms/" + room + "/messages?before=" + someMessage, null),
                    call(stranger, HttpMethod.POST, "/rooms/" + room + "/read", Map.of("lastReadMessageId", someMessage)),
                    call(stranger, HttpMethod.POST, "/rooms/" + room + "/invitations", Map.of("userId", owner.id())),
                    call(stranger, HttpMethod.DELETE, "/rooms/" + room + "/invitations/" + owner.id(), null),
                    call(stranger, HttpMethod.DELETE, "/rooms/" + room + "/invitations/" + stranger.id(), null));
            for (WebTestClient.ResponseSpec answer : answers) {
                Map<String, Object> problem = expectProblem(answer, HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
                // the same words for both: nothing tells a private room from a missing one
                assertThat((String) problem.get("detail")).isEqualTo("room " + room + " does not exist");
            }
        }
    }

    @Test
    void aPrivateRoomIsNotDiscovered() {
        Account owner = newAccount();
        String name = "hidden " + UUID.randomUUID();
        createPrivate(owner, name);

        List<Map<String, Object>> found = client.get().uri("/rooms/discover?q={q}", name).headers(bearer(newAccount())).exchange()
                .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult().getResponseBody();

        assertThat(found).isEmpty();
    }

    @Test
    void anUnknownVisibilityIsAValidationFailureNamingTheChoices() {
        Map<String, Object> problem = expectProblem(client.post().uri("/rooms").headers(bearer(newAccount()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "visibility", "private")).exchange(),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

        assertThat(fieldErrors(problem)).containsOnly(Map.entry("visibility", "must be one of PUBLIC, PRIVATE"));
    }

    @Test
    void theOwnerChangesOnlyWhatThePatchNames() {
        Account owner = newAccount();
        String room = (String) createPrivate(owner, "before").get("id");
        patch(owner, room, Map.of("description", "about it")).expectStatus().isOk().expectBody().returnResult();

        Map<String, Object> changed = patch(owner, room, Map.of("name", "  after ", "visibility", "PUBLIC"))
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(changed).containsEntry("id", room).containsEntry("name", "after").containsEntry("description", "about it")
                .containsEntry("visibility", "PUBLIC").containsEntry("myRole", "OWNER");
    }

    @Test
    void aNullDescriptionClearsIt() {
        Account owner = newAccount();
        String room = (String) createPrivate(owner, "r").get("id");
        patch(owner, room, Map.of("description", "about it")).expectStatus().isOk().expectBody().returnResult();

        java.util.HashMap<String, Object> clear = new java.util.HashMap<>();
        clear.put("description", null);
        assertThat(patch(owner, room, clear).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody())
                .containsEntry("description", null).containsEntry("name", "r");
    }

    @Test
    void aMemberMayNotChangeARoom() {
        Account owner = newAccount();
        Account member = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        expectProblem(patch(member, room, Map.of("name", "mine")), HttpStatus.FORBIDDEN, "NOT_ALLOWED");
        expectProblem(patch(newAccount(), room, Map.of("name", "mine")), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
    }

    @Test
    void aPatchWithBadFieldsNamesEachOfThem() {
        Account owner = newAccount();
        String room = createRoomId(owner);
        java.util.HashMap<String, Object> body = new java.util.HashMap<>();
        body.put("name", null);
        body.put("visibility", "SECRET");
        body.put("description", "d".repeat(501));
        body.put("kind", "DIRECT");

        Map<String, Object> problem = expectProblem(patch(owner, room, body), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

        assertThat(fieldErrors(problem)).containsOnlyKeys("name", "visibility", "description", "kind");
    }

    @Test
    void aNullVisibilityIsRefused() {
        Account owner = newAccount();
        String room = createRoomId(owner);
        java.util.HashMap<String, Object> body = new java.util.HashMap<>();
        body.put("visibility", null);

        assertThat(fieldErrors(expectProblem(patch(owner, room, body), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("visibility");
    }

    @Test
    void aPatchWithoutABodyIsRefused() {
        Account owner = newAccount();
        String room = createRoomId(owner);

        expectProblem(client.patch().uri("/rooms/{id}", room).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON).exchange(),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
    }
}
