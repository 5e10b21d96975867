package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.reliability.abuse.Http.assertInvalid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Text at and past its limits, in every corner of Unicode, and text that looks like SQL or HTML:
 * each value is either stored and returned exactly as sent, or refused with VALIDATION_FAILED
 * naming the field. Never a 500, never a silently altered value.
 */
class TextFieldAbuseTest {

    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 units, four UTF-8 bytes

    private static TextField.Workbench bench;

    @BeforeAll
    static void start() {
        bench = new TextField.Workbench("Texts");
    }

    @AfterAll
    static void stop() {
        bench.close();
    }

    // ---- lengths, counted in code points

    static Stream<Arguments> lengths() {
        return Stream.of(
                Arguments.of(TextField.DISPLAY_NAME, 0, "x", false),
                Arguments.of(TextField.DISPLAY_NAME, 1, "x", true),
                Arguments.of(TextField.DISPLAY_NAME, 50, "x", true),
                Arguments.of(TextField.DISPLAY_NAME, 51, "x", false),
                Arguments.of(TextField.DISPLAY_NAME, 50, EMOJI, true),
                Arguments.of(TextField.DISPLAY_NAME, 51, EMOJI, false),
                Arguments.of(TextField.ROOM_NAME, 0, "r", false),
                Arguments.of(TextField.ROOM_NAME, 1, "r", true),
                Arguments.of(TextField.ROOM_NAME, 100, "r", true),
                Arguments.of(TextField.ROOM_NAME, 101, "r", false),
                Arguments.of(TextField.ROOM_NAME, 100, EMOJI, true),
                Arguments.of(TextField.ROOM_NAME, 101, EMOJI, false),
                Arguments.of(TextField.DESCRIPTION, 0, "d", true),
                Arguments.of(TextField.DESCRIPTION, 1, "d", true),
                Arguments.of(TextField.DESCRIPTION, 500, "d", true),
                Arguments.of(TextField.DESCRIPTION, 501, "d", false),
                Arguments.of(TextField.DESCRIPTION, 500, EMOJI, true),
                Arguments.of(TextField.DESCRIPTION, 501, EMOJI, false),
                Arguments.of(TextField.MESSAGE_CONTENT, 0, "m", false),
                Arguments.of(TextField.MESSAGE_CONTENT, 1, "m", true),
                Arguments.of(TextField.MESSAGE_CONTENT, 5000, "m", true),
                Arguments.of(TextField.MESSAGE_CONTENT, 5001, "m", false),
                Arguments.of(TextField.MESSAGE_CONTENT, 5000, EMOJI, true),
                Arguments.of(TextField.MESSAGE_CONTENT, 5001, EMOJI, false));
    }

    @ParameterizedTest(name = "{0} of {1} x <{2}>: stored = {3}")
    @MethodSource("lengths")
    void lengthsAreCountedInCodePointsAndEnforcedAtTheLimit(TextField field, int length, String unit, boolean accepted) {
        String value = unit.repeat(length);
        TextField.Outcome outcome = field.submit(bench, Http.quote(value));
        if (accepted) {
            // an empty description is stored as "none" and read back as null
            field.assertStored(outcome, field == TextField.DESCRIPTION && length == 0 ? null : value);
        } else {
            field.assertRefused(outcome);
        }
    }

    @ParameterizedTest(name = "{0} of only white space is refused")
    @EnumSource(value = TextField.class, names = {"DISPLAY_NAME", "ROOM_NAME", "MESSAGE_CONTENT"})
    void textOfOnlyWhiteSpaceIsRefused(TextField field) {
        field.assertRefused(field.submit(bench, Http.quote(" \t \u2003 ")));
    }

    static Stream<Arguments> passwordLengths() {
        return Stream.of(
                Arguments.of(0, "p", false),
                Arguments.of(1, "p", false),
                Arguments.of(7, "p", false),
                Arguments.of(8, "p", true),
                Arguments.of(100, "p", true),
                Arguments.of(101, "p", false),
                Arguments.of(8, EMOJI, true),
                Arguments.of(101, EMOJI, false));
    }

    @ParameterizedTest(name = "password of {0} x <{1}>: accepted = {2}")
    @MethodSource("passwordLengths")
    void passwordsAreEightToOneHundredCodePoints(int length, String unit, boolean accepted) {
        String password = unit.repeat(length);
        String email = "pw-" + UUID.randomUUID() + "@example.com";
        Http.Reply reply = Http.gateway().postJson("/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":" + Http.quote(password) + "}");
        if (accepted) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(201);
            assertThat(User.logIn(Http.gateway(), email, password)).isNotBlank();
        } else {
            assertInvalid(reply, "password");
        }
    }

    @ParameterizedTest(name = "password with {0} is refused naming the password")
    @ValueSource(strings = {"lone high surrogate \uD800", "lone low surrogate \uDC00"})
    void aPasswordWithAnUnpairedSurrogateIsRefused(String password) {
        // API.md: "unpaired surrogates are refused everywhere". Accepting one would store the hash of
        // the replacement character '?', so "?" + the rest would log in as well.
        Http.Reply reply = Http.gateway().postJson("/auth/register", null,
                "{\"email\":\"surrogate-" + UUID.randomUUID() + "@example.com\",\"password\":" + Http.escaped(password) + "}");
        assertInvalid(reply, "password");
    }

    static Stream<Arguments> impossibleLogins() {
        return Stream.of(
                Arguments.of("a password with a lone surrogate, unknown e-mail", "nobody-" + UUID.randomUUID() + "@example.com", "long enough \uD800"),
                Arguments.of("a password with a lone surrogate, known e-mail", null, "long enough \uDC00"),
                Arguments.of("an e-mail with NUL", "no\u0000body@example.com", "long enough"),
                Arguments.of("an e-mail with a lone surrogate", "no\uD800body@example.com", "long enough"));
    }

    @ParameterizedTest(name = "a login with {0} is refused without a 500")
    @MethodSource("impossibleLogins")
    void aLoginWithCredentialsNoAccountCanHaveIsRefused(String description, String email, String password) {
        Http.Reply reply = Http.gateway().postJson("/auth/login", null, "{\"email\":" + Http.escaped(email == null ? bench.user.email() : email)
                + ",\"password\":" + Http.escaped(password) + "}");
        if (reply.status() == 401) {
            Http.assertProblem(reply, 401, "INVALID_CREDENTIALS");
        } else {
            Http.assertProblem(reply, 400, "VALIDATION_FAILED");
        }
    }

    // ---- Unicode that is text

    static Stream<Arguments> unicodeText() {
        String[] samples = {
            "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66 flag \uD83C\uDDFA\uD83C\uDDE6",
            "e\u0301te\u0301 n\u0303 Z\u0351\u0328a\u0362l\u0334g\u0315o",
            "\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD \u202Eevil.exe\u202C",
            "\uD835\uDD73\uD835\uDD8A\uD835\uDD91\uD835\uDD91\uD835\uDD94 \uFEFFzero\u200Bwidth",
            "\u6F22\u5B57 \u304B\u306A \uD55C\uAD6D\uC5B4",
        };
        return Stream.of(TextField.values()).flatMap(field -> Stream.of(samples).map(sample -> Arguments.of(field, sample)));
    }

    @ParameterizedTest(name = "{0} <{1}> is stored verbatim")
    @MethodSource("unicodeText")
    void unicodeTextIsStoredAndReturnedVerbatim(TextField field, String text) {
        field.assertStored(field.submit(bench, Http.quote(text)), text);
    }

    @ParameterizedTest(name = "{0} sent as \\u escapes is stored as the same text")
    @EnumSource(TextField.class)
    void escapedUnicodeIsTheSameTextAsRawUtf8(TextField field) {
        String text = "caf\u00E9 \uD83D\uDE80 \u05E9\u05DC\u05D5\u05DD";
        field.assertStored(field.submit(bench, Http.escaped(text)), text);
    }

    static Stream<Arguments> forbiddenCharacters() {
        String[] samples = {
            "nul \u0000 inside",
            "lone high \uD800 surrogate",
            "lone low \uDC00 surrogate",
            "reversed \uDE00\uD83D pair",
            "delete \u007F char",
            "c1 next line \u0085 char",
            "escape \u001B[31m sequence",
        };
        return Stream.of(TextField.values()).flatMap(field -> Stream.of(samples).map(sample -> Arguments.of(field, sample)));
    }

    @ParameterizedTest(name = "{0} with {1} is refused naming the field")
    @MethodSource("forbiddenCharacters")
    void controlCharactersAndUnpairedSurrogatesAreRefusedNamingTheField(TextField field, String text) {
        field.assertRefused(field.submit(bench, Http.escaped(text)));
    }

    @ParameterizedTest(name = "a line break in {0}")
    @EnumSource(TextField.class)
    void lineBreaksAreTextInDescriptionsAndMessagesButNotInNames(TextField field) {
        String text = "two\nlines\tand a tab";
        TextField.Outcome outcome = field.submit(bench, Http.quote(text));
        if (field == TextField.DESCRIPTION || field == TextField.MESSAGE_CONTENT) {
            field.assertStored(outcome, text);
        } else {
            field.assertRefused(outcome);
        }
    }

    // ---- bytes that are not UTF-8

    static Stream<Arguments> invalidUtf8() {
        String[] sequences = {"C328", "FF", "C0AF", "EDA080", "F888808080", "80", "F09F98"};
        return Stream.of("/rooms", "/auth/register")
                .flatMap(path -> Stream.of(sequences).map(hex -> Arguments.of(path, hex)));
    }

    @ParameterizedTest(name = "{0} with the bytes {1} inside a string is refused with 400")
    @MethodSource("invalidUtf8")
    void invalidUtf8InABodyIsRefusedWithoutA500AndNotStored(String path, String hex) {
        String marker = "utf8-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String field = path.equals("/rooms") ? "name" : "displayName";
        String head = path.equals("/rooms")
                ? "{\"name\":\"" + marker
                : "{\"email\":\"" + marker + "@example.com\",\"password\":\"" + User.PASSWORD + "\",\"displayName\":\"" + marker;
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(HexFormat.of().parseHex(hex));
        body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));

        Http.Reply reply = Http.gateway().post(path, path.equals("/rooms") ? bench.user.token() : null, Http.JSON_TYPE, body.toByteArray());

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.contentType()).as("%s", reply).startsWith("application/problem+json");
        if ("VALIDATION_FAILED".equals(reply.code())) {
            assertThat(reply.fields()).as("%s", reply).contains(field);
        } else {
            assertThat(reply.code()).as("%s", reply).isEqualTo("MALFORMED_JSON");
        }
        assertThat(countRows("SELECT count(*) FROM rooms WHERE name LIKE ?", marker + "%")
                + countRows("SELECT count(*) FROM users WHERE email LIKE ?", marker + "%")).isZero();
    }

    // ---- injection and markup

    static Stream<Arguments> hostileText() {
        String[] samples = {
            "'; DROP TABLE users; --",
            "Robert'); DROP TABLE rooms;--",
            "' OR '1'='1",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "%",
            "_",
            "\\",
            "${jndi:ldap://127.0.0.1/x}",
            "$1 $$ \\N E'\\x00'",
        };
        return Stream.of(TextField.ROOM_NAME, TextField.DISPLAY_NAME, TextField.MESSAGE_CONTENT)
                .flatMap(field -> Stream.of(samples).map(sample -> Arguments.of(field, sample)));
    }

    @ParameterizedTest(name = "{0} <{1}> is stored verbatim and the tables survive")
    @MethodSource("hostileText")
    void sqlAndMarkupAreJustText(TextField field, String text) throws SQLException {
        TextField.Outcome outcome = field.submit(bench, Http.quote(text));
        field.assertStored(outcome, text);

        String column = switch (field) {
            case ROOM_NAME -> "SELECT name FROM rooms WHERE id = ?";
            case DISPLAY_NAME -> "SELECT display_name FROM users WHERE id = ?";
            default -> "SELECT content FROM messages WHERE id = ?";
        };
        try (Connection db = AbuseStack.database(); PreparedStatement query = db.prepareStatement(column)) {
            query.setString(1, outcome.storedId());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("row of %s", outcome.storedId()).isTrue();
                assertThat(row.getString(1)).isEqualTo(text);
            }
            for (String table : new String[] {"users", "rooms", "room_members", "messages"}) {
                try (ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("rows in %s", table).isPositive();
                }
            }
        }
    }

    @ParameterizedTest(name = "discovering <{0}> matches it literally")
    @ValueSource(strings = {"%", "_", "\\"})
    void likeWildcardsInADiscoverQueryMatchOnlyThemselves(String wildcard) {
        User founder = User.register("Founder");
        String plain = "plain room " + UUID.randomUUID().toString().substring(0, 8);
        founder.createRoom(plain);
        String literal = "literal " + wildcard + " " + UUID.randomUUID().toString().substring(0, 8);
        founder.createRoom(literal);

        Http.Reply found = bench.user.get("/rooms/discover?limit=100&q=" + java.net.URLEncoder.encode(wildcard, StandardCharsets.UTF_8));

        assertThat(found.status()).as("%s", found).isEqualTo(200);
        assertThat(found.json().valueStream().map(room -> room.get("name").asString()))
                .contains(literal)
                .doesNotContain(plain)
                .allSatisfy(name -> assertThat(name).contains(wildcard));
    }

    @ParameterizedTest(name = "discover q={0} is refused or answered, never a 500")
    @ValueSource(strings = {"%00", "a%00b", "%ED%A0%80", "%FF%FE", "%C0%AF"})
    void aDiscoverQueryWithBytesAPostgresStringCannotHoldIsNotA500(String encodedQuery) {
        Http.Reply reply = bench.user.get("/rooms/discover?q=" + encodedQuery);
        if (reply.status() == 200) {
            assertThat(reply.json().isArray()).isTrue();
        } else {
            assertInvalid(reply, "q");
        }
    }

    @Test
    void aMessageIsDeliveredLiveExactlyAsStored() {
        String text = "<b>bold?</b> '; DELETE FROM messages; -- \uD83D\uDCA3";
        TextField.Outcome outcome = TextField.MESSAGE_CONTENT.submit(bench, Http.quote(text));
        TextField.MESSAGE_CONTENT.assertStored(outcome, text);
        JsonNode live = bench.socket().await(frame -> frame.has("message")
                && outcome.storedId().equals(frame.get("message").get("id").asString()), java.time.Duration.ofSeconds(5));
        assertThat(live.get("message").get("content").asString()).isEqualTo(text);
    }

    private static long countRows(String sql, String parameter) {
        try (Connection db = AbuseStack.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
