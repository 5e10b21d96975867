package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import parley.application.fake.MutableClock;

class RoomEndpointsTest extends WebTest {

    static final String UNKNOWN_ROOM = "01J0000000ZZZZZZZZZZZZZZZZ";

    @Autowired
    MutableClock clock;

    WebTestClient.ResponseSpec create(Account account, Object body) {
        return client.post().uri("/rooms").headers(bearer(account)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    List<Map<String, Object>> list(Account account, String uri, Object... variables) {
        return client.get().uri(uri, variables).headers(bearer(account)).exchange()
                .expectStatus().isOk()
                .expectBody(JSON_ARRAY).returnResult().getResponseBody();
    }

    static List<Object> ids(List<Map<String, Object>> rooms) {
        return rooms.stream().map(room -> room.get("id")).toList();
    }

    @Nested
    class Creating {

        @Test
        void answers201WithTheRoomItsLocationAndTheCreatorAsSoleMember() {
            Account owner = newAccount();

            WebTestClient.ResponseSpec response = create(owner, Map.of("name", "  general  ", "description", "Everything\nand nothing"));

            Map<String, Object> room = response.expectStatus().isCreated()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();
            assertThat(room).containsOnlyKeys("id", "name", "description", "kind", "visibility", "myRole", "createdBy", "createdAt",
                    "lastMessageId", "lastMessageAt", "memberCount", "unreadCount", "peer");
            assertThat(room).containsEntry("name", "general")
                    .containsEntry("description", "Everything\nand nothing")
                    .containsEntry("createdBy", owner.id())
                    .containsEntry("createdAt", clock.instant().toString())
                    .containsEntry("lastMessageId", null)
                    .containsEntry("lastMessageAt", null)
                    .containsEntry("memberCount", 1)
                    .containsEntry("unreadCount", 0)
                    .containsEntry("kind", "GROUP")
                    .containsEntry("visibility", "PUBLIC")
                    .containsEntry("myRole", "OWNER");
            response.expectHeader().location("/rooms/" + room.get("id"));
        }

        @Test
        void anEmptyDescriptionIsWrittenAsNull() {
            Map<String, Object> room = create(newAccount(), Map.of("name", "quiet", "description", "   "))
                    .expectStatus().isCreated()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(room).containsEntry("description", null);
        }

        @Test
        void aBlankNameAndATooLongDescriptionAreBothReported() {
            Map<String, Object> problem = expectProblem(
                    create(newAccount(), Map.of("name", "  ", "description", "d".repeat(501))), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("name", "description");
        }

        @Test
        void aNameOfMoreThan100CharactersIsRefused() {
            Map<String, Object> problem = expectProblem(create(newAccount(), Map.of("name", "n".repeat(101))), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("name");
        }

        @Test
        void aNumberForTheNameIsRefusedNamingTheField() {
            Map<String, Object> problem = expectProblem(create(newAccount(), Map.of("name", 42)), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnly(Map.entry("name", "must be a string"));
        }

        @Test
        void anUnknownFieldIsRefusedTogetherWithTheOtherMistakes() {
            Map<String, Object> problem = expectProblem(
                    create(newAccount(), Map.of("name", "", "topic", "typo")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("name", "topic").containsEntry("topic", "is not a known field");
        }

        @Test
        void malformedJsonIsReportedAsSuch() {
            expectProblem(create(newAccount(), "{\"name\": general}"), HttpStatus.BAD_REQUEST, "MALFORMED_JSON");
        }

        @Test
        void aMissingBodyIsAValidationFailure() {
            Map<String, Object> problem = expectProblem(
                    client.post().uri("/rooms").headers(bearer(newAccount())).contentType(MediaType.APPLICATION_JSON).exchange(),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("body");
        }

        @Test
        void aTextBodyIsAnUnsupportedMediaTypeAndTheAnswerSaysWhichOneToUse() {
            Map<String, Object> problem = expectProblem(
                    client.post().uri("/rooms").headers(bearer(newAccount())).contentType(MediaType.TEXT_PLAIN).bodyValue("general").exchange()
                            .expectHeader().value(HttpHeaders.ACCEPT, accept -> assertThat(accept).contains(MediaType.APPLICATION_JSON_VALUE)),
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");

            assertThat(problem).containsEntry("instance", "/rooms");
        }
    }

    @Nested
    class ListingMine {

        @Test
        void listsOnlyMyRoomsNewestActivityFirst() {
            Account me = newAccount();
            Account other = newAccount();
            String first = (String) createRoom(me, "first").get("id");
            String second = (String) createRoom(me, "second").get("id");
            String theirs = createRoomId(other);
            String joined = createRoomId(other);
            join(me, joined);

            List<Map<String, Object>> rooms = list(me, "/rooms");

            // all created at the same instant: the newer id is the newer activity
            assertThat(ids(rooms)).containsExactly(joined, second, first).doesNotContain(theirs);
            assertThat(rooms.getFirst()).containsEntry("memberCount", 2).containsEntry("unreadCount", 0);
        }

        @Test
        void isEmptyForSomeoneInNoRoom() {
            assertThat(list(newAccount(), "/rooms")).isEmpty();
        }
    }

    @Nested
    class Discovering {

        @Test
        void listsRoomsIMayJoinButNotMine() {
            Account me = newAccount();
            Account other = newAccount();
            String tag = UUID.randomUUID().toString();
            String mine = (String) createRoom(me, "mine " + tag).get("id");
            String theirs = (String) createRoom(other, "theirs " + tag).get("id");

            List<Map<String, Object>> rooms = list(me, "/rooms/discover?q={q}", tag);

            assertThat(ids(rooms)).containsExactly(theirs).doesNotContain(mine);
            assertThat(rooms.getFirst()).containsOnlyKeys("id", "name", "description", "kind", "visibility", "myRole", "createdBy", "createdAt",
                    "lastMessageId", "lastMessageAt", "memberCount", "unreadCount", "peer");
            // not a member: no role
            assertThat(rooms.getFirst()).containsEntry("myRole", null).containsEntry("visibility", "PUBLIC");
        }

        @Test
        void filtersByAPartOfTheNameWhateverItsCase() {
            Account other = newAccount();
            String tag = UUID.randomUUID().toString();
            String cats = (String) createRoom(other, "Cats " + tag).get("id");
            createRoom(other, "Dogs " + tag);

            assertThat(ids(list(newAccount(), "/rooms/discover?q={q}", "cATS " + tag))).containsExactly(cats);
        }

        @Test
        void honoursTheLimit() {
            Account other = newAccount();
            String tag = UUID.randomUUID().toString();
            for (int i = 0; i < 3; i++) {
                createRoom(other, "room " + i + " " + tag);
            }

            assertThat(list(newAccount(), "/rooms/discover?q={q}&limit=2", tag)).hasSize(2);
        }

        @Test
        void blankQueryAndLimitMeanTheDefaults() {
            client.get().uri("/rooms/discover?q=&limit=").headers(bearer(newAccount())).exchange().expectStatus().isOk().expectBody().returnResult();
        }

        @Test
        void aLimitThatIsNotANumberIsRefusedNamingIt() {
            Map<String, Object> problem = expectProblem(
                    client.get().uri("/rooms/discover?limit=ten").headers(bearer(newAccount())).exchange(), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnly(Map.entry("limit", "must be a whole number"));
        }

        @Test
        void aQueryOfMoreThan100CharactersIsRefusedNamingIt() {
            Map<String, Object> problem = expectProblem(
                    client.get().uri("/rooms/discover?q={q}", "q".repeat(101)).headers(bearer(newAccount())).exchange(),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("q");
        }

        @Test
        void aLimitOutOfRangeIsRefusedNamingIt() {
            Map<String, Object> problem = expectProblem(
                    client.get().uri("/rooms/discover?limit=101").headers(bearer(newAccount())).exchange(), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("limit");
        }
    }

    @Nested
    class GettingOne {

        @Test
        void answersTheRoomToAMember() {
            Account owner = newAccount();
            Map<String, Object> created = createRoom(owner, "lobby");

            Map<String, Object> room = client.get().uri("/rooms/{id}", created.get("id")).headers(bearer(owner)).exchange()
                    .expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody();

            assertThat(room).isEqualTo(created);
        }

        @Test
        void refusesSomeoneWhoIsNotAMember() {
            String roomId = createRoomId(newAccount());

            expectProblem(client.get().uri("/rooms/{id}", roomId).headers(bearer(newAccount())).exchange(), HttpStatus.FORBIDDEN, "NOT_A_MEMBER");
        }

        @Test
        void anUnknownRoomIsNotFound() {
            expectProblem(client.get().uri("/rooms/{id}", UNKNOWN_ROOM).headers(bearer(newAccount())).exchange(), HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND");
        }

        @Test
        void aRoomIdThatIsNotAUlidIsAValidationFailureNamingRoomId() {
            Map<String, Object> problem = expectProblem(
                    client.get().uri("/rooms/{id}", "not-a-ulid").headers(bearer(newAccount())).exchange(), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

            assertThat(fieldErrors(problem)).containsOnlyKeys("roomId");
        }
    }
}
