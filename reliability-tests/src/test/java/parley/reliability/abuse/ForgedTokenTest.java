package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.reliability.abuse.Http.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad bearer token is refused with 401 on REST and on the WebSocket upgrade (HTTP
 * 401 before the upgrade: no socket is ever opened). Each forgery differs from the gateway's own
 * recipe in one respect only, and that recipe itself is accepted everywhere, so each case fails
 * if the gateway stops checking that one respect.
 */
class ForgedTokenTest {

    private static User victim;
    private static User other;

    @BeforeAll
    static void start() {
        victim = User.register("Victim");
        other = User.register("Other");
    }

    /** Where a token is presented. */
    enum Target {
        REST_ME,
        REST_ROOMS,
        WEBSOCKET_QUERY,
        WEBSOCKET_HEADER;

        /** The HTTP status the gateway answers this token with (101 for an upgraded socket). */
        int present(String token) {
            return switch (this) {
                case REST_ME, REST_ROOMS -> {
                    Http.Reply reply = Http.gateway().get(this == REST_ME ? "/auth/me" : "/rooms", token);
                    if (reply.status() == 401) {
                        assertProblem(reply, 401, "UNAUTHORIZED");
                        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
                    }
                    yield reply.status();
                }
                case WEBSOCKET_QUERY, WEBSOCKET_HEADER -> {
                    RawSocket.Upgrade upgrade = this == WEBSOCKET_QUERY
                            ? RawSocket.attempt("/ws?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8), Map.of())
                            : RawSocket.attempt("/ws", Map.of("Authorization", "Bearer " + token));
                    if (upgrade.status() != 101) {
                        assertThat(upgrade.head().toLowerCase()).as(upgrade.head()).doesNotContain("upgrade: websocket");
                    }
                    yield upgrade.status();
                }
            };
        }
    }

    record Forgery(String name, Function<String, String> token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Forgery> forgeries() {
        return Stream.of(
                new Forgery("alg none, unsigned", Tokens::unsigned),
                new Forgery("alg none header over a valid signature", Tokens::algNoneHeaderOverValidSignature),
                new Forgery("RS256 signed with an unknown RSA key", Tokens::rs256),
                new Forgery("HS256 keyed with an RSA public key's bytes", Tokens::hs256WithPublicKeyBytes),
                new Forgery("HS256 with a wrong secret", id -> Tokens.hs256(
                        "not-the-gateway-secret-0123456789-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Tokens.claims(id).build())),
                new Forgery("HS512 with the gateway's own secret", Tokens::hs512WithGatewaySecret),
                new Forgery("expired ten minutes ago", id -> Tokens.withClaims(id, claims -> claims
                        .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(70))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10)))))),
                new Forgery("not valid before ten minutes from now", id -> Tokens.withClaims(id, claims -> claims
                        .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))))),
                new Forgery("issued by someone else", id -> Tokens.withClaims(id, claims -> claims.issuer("https://evil.example"))),
                new Forgery("without an issuer", id -> Tokens.withClaims(id, claims -> claims.issuer(null))),
                new Forgery("without a subject", id -> Tokens.withClaims(id, claims -> claims.subject(null))),
                new Forgery("with a subject that is no user id", id -> Tokens.withClaims(id, claims -> claims.subject("admin"))),
                new Forgery("without an expiry", id -> Tokens.withClaims(id, claims -> claims.expirationTime(null))),
                new Forgery("truncated", id -> {
                    String valid = Tokens.valid(id);
                    return valid.substring(0, valid.length() - 6);
                }),
                new Forgery("with the signature removed", id -> {
                    String valid = Tokens.valid(id);
                    return valid.substring(0, valid.lastIndexOf('.') + 1);
                }),
                new Forgery("with another user's payload under this signature", id -> Tokens.tampered(id, other.id())),
                new Forgery("garbage", id -> "garbage-not-a-token"),
                new Forgery("three parts of garbage", id -> "abc.def.ghi"),
                new Forgery("empty", id -> ""));
    }

    static Stream<Arguments> forgeriesEverywhere() {
        return forgeries().flatMap(forgery -> Stream.of(Target.values()).map(target -> Arguments.of(forgery, target)));
    }

    @ParameterizedTest(name = "a token {0} is refused on {1}")
    @MethodSource("forgeriesEverywhere")
    void aForgedTokenIsRefusedWith401(Forgery forgery, Target target) {
        assertThat(target.present(forgery.token().apply(victim.id()))).isEqualTo(401);
    }

    /** A fresh login of {@code user}: its access token and refresh token. */
    private static String[] signIn(User user) {
        Http.Reply login = user.http().postJson("/auth/login", null,
                "{\"email\":" + Http.quote(user.email()) + ",\"password\":" + Http.escaped(user.password()) + "}");
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return new String[] {login.json().get("accessToken").asString(), login.json().get("refreshToken").asString()};
    }

    /** Each differs from a real refresh token in one respect; none may refresh, and none may end the real session. */
    static Stream<Forgery> forgedRefreshTokens() {
        return Stream.of(
                new Forgery("without a dot", real -> real.replace(".", "")),
                new Forgery("with only the session id", real -> real.substring(0, real.indexOf('.'))),
                new Forgery("with only the secret", real -> real.substring(real.indexOf('.') + 1)),
                new Forgery("with an empty secret", real -> real.substring(0, real.indexOf('.') + 1)),
                new Forgery("with a secret that is not base64url", real -> real.substring(0, real.length() - 3) + "+/="),
                new Forgery("with base64 padding added", real -> real + "="),
                new Forgery("with a third part", real -> real + "." + real.substring(real.indexOf('.') + 1)),
                new Forgery("with a secret one character short", real -> real.substring(0, real.length() - 1)),
                new Forgery("with a random secret for the real session", real -> real.substring(0, real.indexOf('.') + 1)
                        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new java.security.SecureRandom().generateSeed(32))),
                new Forgery("with the secret under another user's session", real -> signIn(User.register("Other"))[1].substring(0, 26) + real.substring(26)),
                new Forgery("with a session id that is no ULID", real -> "not-a-session-id-at-all!!" + real.substring(26)),
                new Forgery("huge", real -> real + "A".repeat(50_000)),
                new Forgery("the access token instead", real -> Tokens.valid(victim.id())),
                new Forgery("garbage", real -> "garbage"),
                new Forgery("empty", real -> ""));
    }

    @ParameterizedTest(name = "a refresh token {0} is refused with 401 UNAUTHORIZED and ends nothing")
    @MethodSource("forgedRefreshTokens")
    void aForgedRefreshTokenIsRefusedWith401(Forgery forgery) {
        // a user per case: sign-ins are throttled per e-mail
        String[] session = signIn(User.register("Refresh victim"));
        String forged = forgery.token().apply(session[1]);

        Http.Reply reply = Http.gateway().postJson("/auth/refresh", null, "{\"refreshToken\":" + Http.quote(forged) + "}");

        assertProblem(reply, 401, "UNAUTHORIZED");
        assertThat(Http.gateway().get("/auth/me", session[0]).status()).as("the real session lives on").isEqualTo(200);
        assertThat(Http.gateway().postJson("/auth/refresh", null, "{\"refreshToken\":" + Http.quote(session[1]) + "}").status())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "a token made by the gateway's own recipe is accepted on {0}")
    @EnumSource(Target.class)
    void theGatewaysOwnRecipeIsAccepted(Target target) {
        assertThat(target.present(Tokens.valid(victim.id()))).isEqualTo(target.name().startsWith("REST") ? 200 : 101);
    }
}
