package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** PROTOCOL-1.1 §2: POST/DELETE /rooms/{id}/invitations, GET /invitations; statuses and codes. */
class InvitationEndpointsTest extends WebTest {

    private String createPrivateRoomId(Account owner) {
        return (String) client.post().uri("/rooms").headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "private " + owner.id(), "visibility", "PRIVATE"))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
    }

    private WebTestClient.ResponseSpec invite(Account caller, String room, Object body) {
        return client.post().uri("/rooms/{r}/invitations", room).headers(bearer(caller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec withdraw(Account caller, String room, String userId) {
        return client.delete().uri("/rooms/{r}/invitations/{u}", room, userId).headers(bearer(caller)).exchange();
    }

    private List<Map<String, Object>> myInvitations(Account caller) {
        return client.get().uri("/invitations").headers(bearer(caller)).exchange()
                .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec joinRoom(Account caller, String room) {
        return client.post().uri("/rooms/{r}/join", room).headers(bearer(caller)).exchange();
    }

    @Test
    void anInviteeSeesTheInvitationWithItsRoomAndJoiningThePrivateRoomConsumesIt() {
        Account owner = newAccount();
        Account guest = newAccount();
        String room = createPrivateRoomId(owner);

        WebTestClient.ResponseSpec created = invite(owner, room, Map.of("userId", guest.id())).expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/rooms/" + room + "/invitations/" + guest.id());
        assertThat(created.expectBody(JSON_OBJECT).returnResult().getResponseBody())
                .containsEntry("roomId", room).containsEntry("userId", guest.id()).containsEntry("invitedBy", owner.id())
                .containsKey("createdAt");

        List<Map<String, Object>> pending = myInvitations(guest);
        assertThat(pending).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> invitedTo = (Map<String, Object>) pending.getFirst().get("room");
        assertThat(invitedTo).containsEntry("id", room).containsEntry("visibility", "PRIVATE");
        assertThat(invitedTo.get("myRole")).isNull();
        assertThat(pending.getFirst()).containsEntry("invitedBy", owner.id());

        joinRoom(guest, room).expectStatus().isOk().expectBody().returnResult();

        assertThat(myInvitations(guest)).isEmpty();
        client.get().uri("/rooms/{r}/messages", room).headers(bearer(guest)).exchange().expectStatus().isOk().expectBody().returnResult();
    }

    @Test
    void invitingAgainAnswersTheSamePendingInvitation() {
        Account owner = newAccount();
        Account guest = newAccount();
        String room = createPrivateRoomId(owner);

        Map<String, Object> first = invite(owner, room, Map.of("userId", guest.id())).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        Map<String, Object> again = invite(owner, room, Map.of("userId", guest.id())).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(again).isEqualTo(first);
        assertThat(myInvitations(guest)).hasSize(1);
    }

    @Test
    void withoutAnInvitationAPrivateRoomAnswersAsAnUnknownOneAndAWithdrawnOrDeclinedInvitationOpensNothing() {
        Account owner = newAccount();
        Account guest = newAccount();
        String room = createPrivateRoomId(owner);
        expectProblem(joinRoom(guest, room), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");

        invite(owner, room, Map.of("userId", guest.id())).expectStatus().isCreated().expectBody().returnResult();
        withdraw(owner, room, guest.id()).expectStatus().isNoContent().expectBody().isEmpty();
        expectProblem(joinRoom(guest, room), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        assertThat(myInvitations(guest)).isEmpty();

        invite(owner, room, Map.of("userId", guest.id())).expectStatus().isCreated().expectBody().returnResult();
        withdraw(guest, room, guest.id()).expectStatus().isNoContent().expectBody().isEmpty();
        expectProblem(joinRoom(guest, room), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        // declining again, with nothing pending, tells nothing about the private room either
        expectProblem(withdraw(guest, room, guest.id()), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
    }

    @Test
    void forgedInvitationsAreRefused() {
        Account owner = newAccount();
        Account member = newAccount();
        Account guest = newAccount();
        Account stranger = newAccount();
        String room = createPrivateRoomId(owner);
        invite(owner, room, Map.of("userId", member.id())).expectStatus().isCreated().expectBody().returnResult();
        joinRoom(member, room).expectStatus().isOk().expectBody().returnResult();

        // a plain member of a private room does not invite, nor withdraw another's invitation
        expectProblem(invite(member, room, Map.of("userId", guest.id())), HttpStatus.FORBIDDEN, "NOT_ALLOWED");
        invite(owner, room, Map.of("userId", guest.id())).expectStatus().isCreated().expectBody().returnResult();
        expectProblem(withdraw(member, room, guest.id()), HttpStatus.FORBIDDEN, "NOT_ALLOWED");
        // an outsider learns nothing about the room
        expectProblem(invite(stranger, room, Map.of("userId", stranger.id())), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        expectProblem(withdraw(stranger, room, guest.id()), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        // nobody is invited who is in already, or who does not exist
        expectProblem(invite(owner, room, Map.of("userId", member.id())), HttpStatus.CONFLICT, "ALREADY_MEMBER");
        expectProblem(invite(owner, room, Map.of("userId", "01J0000000ZZZZZZZZZZZZZZZZ")), HttpStatus.NOT_FOUND, "USER_NOT_FOUND");

        assertThat(myInvitations(guest)).hasSize(1);
        assertThat(myInvitations(stranger)).isEmpty();
    }

    @Test
    void aBannedUserIsNotInvitedAndABanEndsAPendingInvitation() {
        Account owner = newAccount();
        Account guest = newAccount();
        Account troll = newAccount();
        String room = createPrivateRoomId(owner);
        client.post().uri("/rooms/{r}/bans", room).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", troll.id())).exchange().expectStatus().isCreated().expectBody().returnResult();

        expectProblem(invite(owner, room, Map.of("userId", troll.id())), HttpStatus.FORBIDDEN, "BANNED");

        invite(owner, room, Map.of("userId", guest.id())).expectStatus().isCreated().expectBody().returnResult();
        client.post().uri("/rooms/{r}/bans", room).headers(bearer(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", guest.id())).exchange().expectStatus().isCreated().expectBody().returnResult();
        assertThat(myInvitations(guest)).isEmpty();
        // banned from a private room, one is an outsider to it like anybody else
        expectProblem(joinRoom(guest, room), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
    }

    @Test
    void anyMemberOfAPublicRoomInvites() {
        Account owner = newAccount();
        Account member = newAccount();
        Account guest = newAccount();
        String room = createRoomId(owner);
        join(member, room);

        invite(member, room, Map.of("userId", guest.id())).expectStatus().isCreated().expectBody().returnResult();

        assertThat(myInvitations(guest)).extracting(i -> i.get("invitedBy")).containsExactly(member.id());
        expectProblem(invite(newAccount(), room, Map.of("userId", guest.id())), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
    }

    @Test
    void badInvitationRequestsNameTheirFields() {
        Account owner = newAccount();
        String room = createPrivateRoomId(owner);
        HashMap<String, Object> body = new HashMap<>();
        body.put("userId", "not-an-id");
        body.put("role", "ADMIN");

        assertThat(fieldErrors(expectProblem(invite(owner, room, body), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("userId", "role");
        assertThat(fieldErrors(expectProblem(invite(owner, room, Map.of()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("userId");
        assertThat(fieldErrors(expectProblem(invite(owner, "nope", Map.of("userId", 7)), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("roomId", "userId");
        assertThat(fieldErrors(expectProblem(withdraw(owner, "nope", "nope"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED")))
                .containsOnlyKeys("roomId", "userId");
        expectProblem(client.post().uri("/rooms/{r}/invitations", room).headers(bearer(owner))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[1]").exchange(), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        expectProblem(client.get().uri("/invitations").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }
}
