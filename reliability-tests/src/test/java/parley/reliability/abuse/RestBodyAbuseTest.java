package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.reliability.abuse.Http.assertInvalid;
import static parley.reliability.abuse.Http.assertProblem;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies, content types, routes and ids that are wrong in every way a client (or an
 * attacker) can get them wrong: each is refused with the documented status and problem code, as
 * {@code application/problem+json}, and none ever reaches a 500.
 */
class RestBodyAbuseTest {

    private static Http http;
    private static User user;
    private static String roomId;

    @BeforeAll
    static void start() {
        http = Http.gateway();
        user = User.register("Body");
        roomId = user.createRoom("body abuse");
    }

    /** The JSON endpoints; the read marker one needs a room, so paths are resolved late. */
    enum Endpoint {
        REGISTER("/auth/register", false, "{\"email\":\"someone@example.com\",\"password\":\"long enough\"}"),
        LOGIN("/auth/login", false, "{\"email\":\"someone@example.com\",\"password\":\"long enough\"}"),
        CREATE_ROOM("/rooms", true, "{\"name\":\"a room\"}"),
        MARK_READ("/rooms/{room}/read", true, "{\"lastReadMessageId\":\"01J9Z8Q6W4T5N3B2V1C0X9Y8Z7\"}");

        final String path;
        final boolean authenticated;
        final String validBody;

        Endpoint(String path, boolean authenticated, String validBody) {
            this.path = path;
            this.authenticated = authenticated;
            this.validBody = validBody;
        }

        Http.Reply post(String contentType, byte[] body) {
            return http.post(path.replace("{room}", roomId), authenticated ? user.token() : null, contentType, body);
        }

        Http.Reply postJson(String json) {
            return post(Http.JSON_TYPE, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- JSON that does not parse

    static Stream<Arguments> malformedBodies() {
        String[] bodies = {
            "{",
            "{\"name\":",
            "not json at all",
            "{\"name\":\"trailing comma\",}",
            "{'name':'single quotes'}",
            "{\"name\":\"unterminated}",
            "{\"name\":\"a\"} {\"name\":\"b\"}",
            "{\"name\":\"a\"} trailing garbage",
        };
        return Stream.of(Endpoint.CREATE_ROOM, Endpoint.REGISTER)
                .flatMap(endpoint -> Stream.of(bodies).map(body -> Arguments.of(endpoint, body)));
    }

    @ParameterizedTest(name = "{0} with body <{1}> is 400 MALFORMED_JSON")
    @MethodSource("malformedBodies")
    void bodiesThatAreNotJsonAreMalformedJson(Endpoint endpoint, String body) {
        assertProblem(endpoint.postJson(body), 400, "MALFORMED_JSON");
    }

    @Test
    void jsonNestedTenThousandLevelsDeepIsRefusedWithoutA500() {
        String deep = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Http.Reply reply = Endpoint.CREATE_ROOM.postJson(deep);
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.code()).as("%s", reply).isIn("MALFORMED_JSON", "VALIDATION_FAILED");
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aNumberWithTwentyThousandDigitsIsRefusedWithoutA500() {
        Http.Reply reply = Endpoint.CREATE_ROOM.postJson("{\"name\":" + "9".repeat(20_000) + "}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.code()).as("%s", reply).isIn("MALFORMED_JSON", "VALIDATION_FAILED");
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    // ---- JSON that is not an object

    @ParameterizedTest(name = "body {0} is 400 VALIDATION_FAILED naming 'body'")
    @ValueSource(strings = {"[]", "[{\"name\":\"x\"}]", "\"a string\"", "42", "true", "null"})
    void aBodyThatIsNotAnObjectNamesTheBody(String body) {
        assertInvalid(Endpoint.CREATE_ROOM.postJson(body), "body");
    }

    @ParameterizedTest(name = "{0} without a body is 400 VALIDATION_FAILED naming 'body'")
    @EnumSource(Endpoint.class)
    void aMissingBodyNamesTheBody(Endpoint endpoint) {
        assertInvalid(endpoint.postJson(null), "body");
    }

    // ---- wrong types, missing and unknown fields

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":42}", "name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":true}", "name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":{\"value\":\"x\"}}", "name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":[\"x\"]}", "name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":1e999999}", "name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":\"ok\",\"description\":5}", "description"),
                Arguments.of(Endpoint.REGISTER, "{\"email\":\"typed@example.com\",\"password\":12345678}", "password"),
                Arguments.of(Endpoint.REGISTER, "{\"email\":[\"typed@example.com\"],\"password\":\"long enough\"}", "email"),
                Arguments.of(Endpoint.REGISTER, "{\"email\":\"typed@example.com\",\"password\":\"long enough\",\"displayName\":0}", "displayName"),
                Arguments.of(Endpoint.LOGIN, "{\"email\":\"typed@example.com\",\"password\":false}", "password"),
                Arguments.of(Endpoint.MARK_READ, "{\"lastReadMessageId\":123}", "lastReadMessageId"));
    }

    @ParameterizedTest(name = "{0} {1} is refused naming {2}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsRefusedNotCoerced(Endpoint endpoint, String body, String field) {
        assertInvalid(endpoint.postJson(body), field);
    }

    static Stream<Arguments> missingFields() {
        return Stream.of(
                Arguments.of(Endpoint.CREATE_ROOM, "{}", "name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":null}", "name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"description\":\"no name\"}", "name"),
                Arguments.of(Endpoint.REGISTER, "{\"password\":\"long enough\"}", "email"),
                Arguments.of(Endpoint.REGISTER, "{\"email\":\"missing@example.com\"}", "password"),
                Arguments.of(Endpoint.LOGIN, "{\"email\":\"missing@example.com\"}", "password"),
                Arguments.of(Endpoint.MARK_READ, "{}", "lastReadMessageId"));
    }

    @ParameterizedTest(name = "{0} {1} is refused naming {2}")
    @MethodSource("missingFields")
    void aMissingRequiredFieldIsNamed(Endpoint endpoint, String body, String field) {
        assertInvalid(endpoint.postJson(body), field);
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":\"x\",\"owner\":\"someone-else\"}", "owner"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":\"x\",\"Name\":\"case variant\"}", "Name"),
                Arguments.of(Endpoint.CREATE_ROOM, "{\"name\":\"x\",\"__proto__\":{\"admin\":true}}", "__proto__"),
                Arguments.of(Endpoint.REGISTER, "{\"email\":\"unknown@example.com\",\"password\":\"long enough\",\"role\":\"ADMIN\"}", "role"),
                Arguments.of(Endpoint.REGISTER, "{\"email\":\"unknown@example.com\",\"password\":\"long enough\",\"displayname\":\"typo\"}", "displayname"),
                Arguments.of(Endpoint.LOGIN, "{\"email\":\"unknown@example.com\",\"password\":\"long enough\",\"rememberMe\":true}", "rememberMe"),
                Arguments.of(Endpoint.MARK_READ, "{\"lastReadMessageId\":\"01J9Z8Q6W4T5N3B2V1C0X9Y8Z7\",\"force\":true}", "force"));
    }

    @ParameterizedTest(name = "{0} {1} is refused naming the unknown field {2}")
    @MethodSource("unknownFields")
    void anUnknownFieldIsRefusedNamingIt(Endpoint endpoint, String body, String field) {
        assertInvalid(endpoint.postJson(body), field);
    }

    @Test
    void everyWrongFieldIsListedInOneAnswer() {
        Http.Reply reply = assertInvalid(Endpoint.CREATE_ROOM.postJson("{\"name\":42,\"description\":7,\"owner\":\"x\"}"), "name");
        assertThat(reply.fields()).containsExactlyInAnyOrder("name", "description", "owner");
    }

    @Test
    void aRefusedRoomIsNotCreated() {
        String marker = "never-created-" + UUID.randomUUID();
        Endpoint.CREATE_ROOM.postJson("{\"name\":\"" + marker + "\",\"owner\":\"x\"}");
        Http.Reply mine = user.get("/rooms");
        assertThat(mine.raw()).doesNotContain(marker);
    }

    // ---- size and content type

    @ParameterizedTest(name = "{0} with a body of 64 KiB + 1 byte is 413 PAYLOAD_TOO_LARGE")
    @EnumSource(Endpoint.class)
    void aBodyOverSixtyFourKibibytesIsPayloadTooLarge(Endpoint endpoint) {
        assertProblem(endpoint.post(Http.JSON_TYPE, jsonOfSize(64 * 1024 + 1)), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyOfExactlySixtyFourKibibytesIsReadAndJudgedOnItsFields() {
        assertInvalid(Endpoint.CREATE_ROOM.post(Http.JSON_TYPE, jsonOfSize(64 * 1024)), "description");
    }

    @Test
    void aTenMebibyteBodyIsPayloadTooLarge() {
        assertProblem(Endpoint.CREATE_ROOM.post(Http.JSON_TYPE, jsonOfSize(10 * 1024 * 1024)), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aChunkedBodyWithoutContentLengthOverTheLimitIsPayloadTooLarge() {
        byte[] body = jsonOfSize(200 * 1024);
        // an input stream publisher has no known length: the request goes out chunked
        Http.Reply reply = http.send("POST", "/rooms", user.token(), Http.JSON_TYPE,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
    }

    static Stream<Arguments> wrongContentTypes() {
        String[] types = {
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/xml",
            "multipart/form-data; boundary=xyz",
            "text/json",
            null,
        };
        return Stream.of(Endpoint.CREATE_ROOM, Endpoint.REGISTER)
                .flatMap(endpoint -> Stream.of(types).map(type -> Arguments.of(endpoint, type)));
    }

    @ParameterizedTest(name = "{0} sent as {1} is 415 UNSUPPORTED_MEDIA_TYPE")
    @MethodSource("wrongContentTypes")
    void aBodyThatIsNotSentAsJsonIsUnsupportedMediaType(Endpoint endpoint, String contentType) {
        assertProblem(endpoint.post(contentType, endpoint.validBody.getBytes(StandardCharsets.UTF_8)), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    // ---- routes, methods, ids

    @Test
    void anUnknownRouteIsNotFound() {
        assertProblem(http.get("/rooms/" + roomId + "/secrets", user.token()), 404, "NOT_FOUND");
    }

    @Test
    void anUnknownRouteWithoutATokenIsUnauthorizedNotNotFound() {
        assertProblem(http.get("/admin", null), 401, "UNAUTHORIZED");
    }

    @ParameterizedTest(name = "{0} {1} is 405 METHOD_NOT_ALLOWED")
    @MethodSource("wrongMethods")
    void aWrongMethodIsMethodNotAllowed(String method, String path) {
        Http.Reply reply = http.send(method, path.replace("{room}", roomId), user.token(), null, HttpRequest.BodyPublishers.noBody());
        assertProblem(reply, 405, "METHOD_NOT_ALLOWED");
        assertThat(reply.header("Allow")).as("Allow header of %s", reply).isNotBlank();
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                Arguments.of("DELETE", "/rooms/{room}"),
                Arguments.of("PUT", "/rooms/{room}/read"),
                Arguments.of("GET", "/auth/register"));
    }

    static Stream<Arguments> malformedIds() {
        return Stream.of(
                Arguments.of("GET", "/rooms/not-a-ulid", "roomId"),
                Arguments.of("GET", "/rooms/'%20OR%20'1'='1", "roomId"),
                Arguments.of("GET", "/rooms/01J9Z8Q6W4T5N3B2V1C0X9Y8Z", "roomId"),
                Arguments.of("GET", "/rooms/81J9Z8Q6W4T5N3B2V1C0X9Y8Z7", "roomId"),
                Arguments.of("GET", "/rooms/not-a-ulid/members", "roomId"),
                Arguments.of("GET", "/rooms/not-a-ulid/messages", "roomId"),
                Arguments.of("POST", "/rooms/not-a-ulid/join", "roomId"),
                Arguments.of("POST", "/rooms/not-a-ulid/leave", "roomId"),
                Arguments.of("GET", "/rooms/{room}/messages?before=zzz", "before"),
                Arguments.of("GET", "/rooms/{room}/messages?after=%27%3B%20DROP%20TABLE%20messages", "after"),
                Arguments.of("GET", "/rooms/{room}/messages?limit=0", "limit"),
                Arguments.of("GET", "/rooms/{room}/messages?limit=101", "limit"),
                Arguments.of("GET", "/rooms/{room}/messages?limit=-1", "limit"),
                Arguments.of("GET", "/rooms/{room}/messages?limit=ten", "limit"),
                Arguments.of("GET", "/rooms/{room}/messages?limit=99999999999", "limit"),
                Arguments.of("GET", "/rooms/discover?limit=0", "limit"),
                Arguments.of("GET", "/rooms/discover?limit=1000000", "limit"),
                Arguments.of("GET", "/rooms/discover?q=" + "x".repeat(101), "q"));
    }

    @ParameterizedTest(name = "{0} {1} is refused naming {2}")
    @MethodSource("malformedIds")
    void aMalformedIdOrParameterIsAValidationFailureNotANotFound(String method, String path, String field) {
        Http.Reply reply = http.send(method, path.replace("{room}", roomId), user.token(), null, HttpRequest.BodyPublishers.noBody());
        assertInvalid(reply, field);
    }

    @Test
    void beforeAndAfterTogetherAreAValidationFailure() {
        Http.Reply reply = user.get("/rooms/" + roomId + "/messages?before=" + Ids.ulid() + "&after=" + Ids.ulid());
        assertProblem(reply, 400, "VALIDATION_FAILED");
    }

    @Test
    void aMalformedRoomIdInTheReadMarkerPathIsNamedTogetherWithTheBodysFaults() {
        Http.Reply reply = http.postJson("/rooms/nope/read", user.token(), "{\"lastReadMessageId\":\"nope\",\"extra\":1}");
        assertInvalid(reply, "roomId");
        assertThat(reply.fields()).contains("lastReadMessageId", "extra");
    }

    /** A syntactically valid JSON object of exactly {@code size} bytes (a long description). */
    static byte[] jsonOfSize(int size) {
        String prefix = "{\"name\":\"big\",\"description\":\"";
        String suffix = "\"}";
        return (prefix + "d".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.US_ASCII);
    }
}
