package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import parley.application.fake.InMemoryMessageStore;
import parley.application.fake.InMemoryPresenceStore;
import parley.application.fake.MutableClock;
import parley.application.fake.SequentialIdGenerator;
import parley.application.model.ConnectionId;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

class RoomMembershipEndpointsTest extends WebTest {

    static final String UNKNOWN_ROOM = "01J0000000ZZZZZZZZZZZZZZZZ";

    @Autowired
    MutableClock clock;
    @Autowired
    SequentialIdGenerator ids;
    @Autowired
    InMemoryMessageStore messages;
    @Autowired
    InMemoryPresenceStore presence;

    List<String> storeTexts(String roomId, Account sender, int count) {
        List<MessageAccepted> batch = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new MessageAccepted(ids.newMessageId(), RoomId.of(roomId), UserId.of(sender.id()),
                    new ClientMsgId(UUID.randomUUID()), MessageContent.text("message " + i), clock.instant()));
        }
        return messages.storeBatch(batch).block().stored().stream().map(Message::id).map(id -> id.value()).toList();
    }

    WebTestClient.ResponseSpec markRead(Account account, String roomId, Object body) {
        return client.post().uri("/rooms/{id}/read", roomId).headers(bearer(account))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> room(Account account, String roomId) {
        return client.get().uri("/rooms/{id}", roomId).headers(bearer(account)).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    List<Map<String, Object>> members(Account account, String roomId) {
        return client.get().uri("/rooms/{id}/members", roomId).headers(bearer(account)).exchange()
                .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult().getResponseBody();
    }

    @Nested
    class Joining {

        @Test
        void answersTheMembership() {
            String roomId = createRoomId(newAccount());
            Account joiner = newAccount();

            Map<String, Object> membership = client.post().uri("/rooms/{id}/join", roomId).headers(bearer(joiner)).exchange()
                    .expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(membership).containsExactlyInAnyOrderEntriesOf(
                    Map.of("roomId", roomId, "userId", joiner.id(), "joinedAt", clock.instant().toString(), "role", "MEMBER"));
            assertThat(room(joiner, roomId)).containsEntry("memberCount", 2);
        }

        @Test
        void joiningTwiceKeepsTheFirstMembership() {
            String roomId = createRoomId(newAccount());
            Account joiner = newAccount();
            Map<String, Object> first = client.post().uri("/rooms/{id}/join", roomId).headers(bearer(joiner)).exchange()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();
            clock.advance(Duration.ofMinutes(1));

            Map<String, Object> second = client.post().uri("/rooms/{id}/join", roomId).headers(bearer(joiner)).exchange()
                    .expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(second).isEqualTo(first);
            assertThat(room(joiner, roomId)).containsEntry("memberCount", 2);
        }

        @Test
        void anUnknownRoomIsNotFound() {
            expectProblem(client.post().uri("/rooms/{id}/join", UNKNOWN_ROOM).headers(bearer(newAccount())).exchange(),
                    HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        }

        @Test
        void aRoomIdThatIsNotAUlidIsAValidationFailureNamingRoomId() {
            Map<String, Object> problem = expectProblem(
                    client.post().uri("/rooms/{id}/join", "lobby").headers(bearer(newAccount())).exchange(),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("roomId");
        }
    }

    @Nested
    class Leaving {

        @Test
        void answers204AndTheRoomIsClosedToMeAfterwards() {
            String roomId = createRoomId(newAccount());
            Account leaver = newAccount();
            join(leaver, roomId);

            client.post().uri("/rooms/{id}/leave", roomId).headers(bearer(leaver)).exchange()
                    .expectStatus().isNoContent()
                    .expectBody().isEmpty();

            expectProblem(client.get().uri("/rooms/{id}", roomId).headers(bearer(leaver)).exchange(), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
        }

        @Test
        void leavingARoomIAmNotInChangesNothing() {
            String roomId = createRoomId(newAccount());

            client.post().uri("/rooms/{id}/leave", roomId).headers(bearer(newAccount())).exchange().expectStatus().isNoContent().expectBody().isEmpty();
        }

        @Test
        void anUnknownRoomIsNotFound() {
            expectProblem(client.post().uri("/rooms/{id}/leave", UNKNOWN_ROOM).headers(bearer(newAccount())).exchange(),
                    HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        }
    }

    @Nested
    class ListingMembers {

        /** M8 / PROTOCOL-1.1 §7: pages ordered by user id, a Link header while more follow. */
        @Test
        void comeInPagesOrderedByUserIdWithALinkToTheNextPage() {
            Account owner = newAccount();
            String roomId = createRoomId(owner);
            for (int i = 0; i < 4; i++) {
                join(newAccount(), roomId);
            }
            List<String> seen = new java.util.ArrayList<>();
            String next = "/rooms/" + roomId + "/members?limit=2";
            int pages = 0;
            while (next != null) {
                var result = client.get().uri(next).headers(bearer(owner)).exchange()
                        .expectStatus().isOk().expectBody(JSON_ARRAY).returnResult();
                result.getResponseBody().forEach(member -> seen.add((String) member.get("userId")));
                String link = result.getResponseHeaders().getFirst(HttpHeaders.LINK);
                next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
                if (link != null) {
                    assertThat(link).endsWith("; rel=\"next\"").contains("after=" + seen.getLast()).contains("limit=2");
                }
                pages++;
            }

            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();
            assertThat(client.get().uri("/rooms/{id}/members", roomId).headers(bearer(owner)).exchange()
                    .expectStatus().isOk().expectHeader().doesNotExist(HttpHeaders.LINK)
                    .expectBody(JSON_ARRAY).returnResult().getResponseBody()).as("the default page holds them all").hasSize(5);
        }

        @Test
        void aBadLimitOrCursorIsAValidationFailure() {
            Account owner = newAccount();
            String roomId = createRoomId(owner);

            for (String query : List.of("?limit=0", "?limit=501", "?limit=many", "?after=not-a-user")) {
                Map<String, String> errors = fieldErrors(expectProblem(client.get().uri("/rooms/" + roomId + "/members" + query)
                        .headers(bearer(owner)).exchange(), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED"));
                assertThat(errors).as(query).containsKey(query.startsWith("?after") ? "after" : "limit");
            }
        }

        @Test
        void listsEveryMemberInJoinOrderWithNameMarkerAndPresence() {
            Account owner = newAccount("Owner");
            Account guest = newAccount("Guest");
            String roomId = createRoomId(owner);
            join(guest, roomId);
            presence.touch(new ConnectionId("guest-tab-" + UUID.randomUUID()), UserId.of(guest.id()), Duration.ofSeconds(60)).block();

            List<Map<String, Object>> members = members(owner, roomId);

            assertThat(members).hasSize(2);
            assertThat(members.get(0)).containsOnlyKeys("roomId", "userId", "displayName", "joinedAt", "role", "lastReadMessageId", "lastReadSeq", "online");
            assertThat(members.get(0)).containsEntry("roomId", roomId).containsEntry("userId", owner.id())
                    .containsEntry("displayName", "Owner").containsEntry("joinedAt", clock.instant().toString())
                    .containsEntry("lastReadMessageId", null).containsEntry("lastReadSeq", null).containsEntry("online", false);
            assertThat(members.get(1)).containsEntry("userId", guest.id()).containsEntry("displayName", "Guest")
                    .containsEntry("online", true);
        }

        @Test
        void isForMembersOnly() {
            String roomId = createRoomId(newAccount());

            expectProblem(client.get().uri("/rooms/{id}/members", roomId).headers(bearer(newAccount())).exchange(),
                    HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
        }

        @Test
        void anUnknownRoomIsNotFound() {
            expectProblem(client.get().uri("/rooms/{id}/members", UNKNOWN_ROOM).headers(bearer(newAccount())).exchange(),
                    HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        }
    }

    @Nested
    class MarkingRead {

        @Test
        void movesTheMarkerSoTheUnreadCountFalls() {
            Account owner = newAccount();
            Account guest = newAccount();
            String roomId = createRoomId(owner);
            join(guest, roomId);
            // one's own messages are never unread: the guest does the talking
            List<String> ids = storeTexts(roomId, guest, 3);
            assertThat(room(owner, roomId)).containsEntry("unreadCount", 3);

            markRead(owner, roomId, Map.of("lastReadMessageId", ids.get(1))).expectStatus().isNoContent().expectBody().isEmpty();

            assertThat(room(owner, roomId)).containsEntry("unreadCount", 1);
            assertThat(members(owner, roomId).getFirst()).containsEntry("lastReadMessageId", ids.get(1));
        }

        @Test
        void anOlderMessageNeverMovesTheMarkerBack() {
            Account owner = newAccount();
            Account guest = newAccount();
            String roomId = createRoomId(owner);
            join(guest, roomId);
            List<String> ids = storeTexts(roomId, guest, 3);
            markRead(owner, roomId, Map.of("lastReadMessageId", ids.get(2))).expectStatus().isNoContent().expectBody().isEmpty();

            markRead(owner, roomId, Map.of("lastReadMessageId", ids.get(0))).expectStatus().isNoContent().expectBody().isEmpty();

            assertThat(members(owner, roomId).getFirst()).containsEntry("lastReadMessageId", ids.get(2));
            assertThat(room(owner, roomId)).containsEntry("unreadCount", 0);
        }

        @Test
        void aMessageOfAnotherRoomIsNotFound() {
            Account owner = newAccount();
            String roomId = createRoomId(owner);
            String elsewhere = createRoomId(owner);
            String foreign = storeTexts(elsewhere, owner, 1).getFirst();

            expectProblem(markRead(owner, roomId, Map.of("lastReadMessageId", foreign)), HttpStatus.NOT_FOUND, "MESSAGE_NOT_FOUND");
        }

        @Test
        void isForMembersOnly() {
            Account owner = newAccount();
            String roomId = createRoomId(owner);
            String id = storeTexts(roomId, owner, 1).getFirst();

            expectProblem(markRead(newAccount(), roomId, Map.of("lastReadMessageId", id)), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
        }

        @Test
        void anUnknownRoomIsNotFound() {
            Account owner = newAccount();
            String roomId = createRoomId(owner);
            String id = storeTexts(roomId, owner, 1).getFirst();

            expectProblem(markRead(owner, UNKNOWN_ROOM, Map.of("lastReadMessageId", id)), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        }

        @Test
        void anIdThatIsNotAUlidIsRefusedNamingTheJsonField() {
            Account owner = newAccount();

            Map<String, Object> problem = expectProblem(
                    markRead(owner, createRoomId(owner), Map.of("lastReadMessageId", "latest")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("lastReadMessageId");
        }

        @Test
        void aWrongRoomIdAndAWrongMessageIdAreBothReported() {
            Map<String, Object> problem = expectProblem(
                    markRead(newAccount(), "lobby", Map.of("lastReadMessageId", 7)), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("roomId", "lastReadMessageId")
                    .containsEntry("lastReadMessageId", "must be a string");
        }

        @Test
        void aMissingIdIsRequired() {
            Account owner = newAccount();

            Map<String, Object> problem = expectProblem(markRead(owner, createRoomId(owner), Map.of()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnly(Map.entry("lastReadMessageId", "is required"));
        }

        @Test
        void anUnknownFieldIsRefused() {
            Account owner = newAccount();
            String roomId = createRoomId(owner);
            String id = storeTexts(roomId, owner, 1).getFirst();

            Map<String, Object> problem = expectProblem(
                    markRead(owner, roomId, Map.of("lastReadMessageId", id, "at", "now")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("at");
        }

        @Test
        void malformedJsonIsReportedAsSuch() {
            Account owner = newAccount();

            expectProblem(markRead(owner, createRoomId(owner), "{lastReadMessageId: 1}"), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
        }

        @Test
        void aMissingBodyIsAValidationFailure() {
            Account owner = newAccount();

            Map<String, Object> problem = expectProblem(
                    client.post().uri("/rooms/{id}/read", createRoomId(owner)).headers(bearer(owner)).exchange(),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("body");
        }
    }
}
