package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Everything the gateway and the worker log while a user registers, logs in (also with a wrong
 * password), chats, and makes the mistakes that end up in logs (malformed bodies, unknown fields,
 * tampered tokens on REST and on the socket) never contains the password or the access token.
 * Parley's own loggers are turned up to DEBUG for the session: even debug output must not leak.
 */
class SecretsInLogsTest {

    private final Capture capture = new Capture();
    private Logger root;
    private Logger parley;
    private Level parleyLevel;

    /** Every event, rendered as an operator would see it: logger, message, arguments, MDC, stack trace. */
    static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder()
                    .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                    .append(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    line.append(" | ").append(argument);
                }
            }
            event.getMDCPropertyMap().forEach((key, value) -> line.append(" | ").append(key).append('=').append(value));
            if (event.getThrowableProxy() != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
    }

    @BeforeEach
    void attach() {
        AbuseStack.shared();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        parley = context.getLogger("parley");
        parleyLevel = parley.getLevel();
        parley.setLevel(Level.DEBUG);
        capture.setContext(context);
        capture.start();
        root.addAppender(capture);
    }

    @AfterEach
    void detach() {
        root.detachAppender(capture);
        capture.stop();
        parley.setLevel(parleyLevel);
    }

    /**
     * The socket's token travels in the query string when a browser connects; Spring logs request
     * URIs at DEBUG/TRACE (HttpWebHandlerAdapter, the handshake), Reactor Netty its requests. With
     * everything at TRACE, no line may carry the token; the header form works and is not logged either.
     */
    @Test
    void theSocketTokenIsNotLoggedEvenWithEveryLoggerAtTrace() {
        User user = User.register("Traced");
        String token = user.token();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<Logger> loud = List.of(context.getLogger("org.springframework"), context.getLogger("reactor.netty"), context.getLogger("io.netty"));
        List<Level> before = loud.stream().map(Logger::getLevel).toList();
        loud.forEach(logger -> logger.setLevel(Level.TRACE));
        try {
            try (RawSocket viaQuery = user.connect()) {
                assertThat(viaQuery.answerTo(viaQuery.send("heartbeat", "")).get("ok").asBoolean()).isTrue();
            }
            assertThat(RawSocket.attempt("/ws", Map.of("Authorization", "Bearer " + token)).status())
                    .as("the header form upgrades").isEqualTo(101);
            assertThat(RawSocket.attempt("/ws?token=" + token + "x", Map.of()).status()).isEqualTo(401);
            User.sleep(300);
        } finally {
            for (int i = 0; i < loud.size(); i++) {
                loud.get(i).setLevel(before.get(i));
            }
        }

        List<String> lines = List.copyOf(capture.lines);
        assertThat(lines).as("the capture works: Spring traced the handshakes").anyMatch(line -> line.contains("/ws"));
        assertThat(lines).as("log lines holding the socket token")
                .noneMatch(line -> line.contains(token))
                .noneMatch(line -> line.contains(signature));
    }

    @Test
    void neitherThePasswordNorTheAccessTokenIsEverLogged() {
        Http http = Http.gateway();
        String password = "Sup3r-Secret-" + UUID.randomUUID();
        String wrongPassword = "Wr0ng-Secret-" + UUID.randomUUID();
        String email = "secretive-" + UUID.randomUUID() + "@example.com";

        // mistakes first: bodies holding the password that are refused, and a failed login
        http.postJson("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"role\":\"ADMIN\"}");
        http.postJson("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"");
        http.post("/auth/register", null, "text/plain", ("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8));
        http.postJson("/auth/register", null, "{\"email\":\"not an address\",\"password\":\"" + password + "\"}");

        User user = User.register("Secretive", password);
        http.postJson("/auth/register", null, "{\"email\":\"" + user.email() + "\",\"password\":\"" + password + "\"}"); // EMAIL_TAKEN
        Http.Reply failedLogin = http.postJson("/auth/login", null, "{\"email\":\"" + user.email() + "\",\"password\":\"" + wrongPassword + "\"}");
        assertThat(failedLogin.status()).isEqualTo(401);
        String token = user.token();

        // the token at work, and tampered with
        assertThat(user.get("/auth/me").status()).isEqualTo(200);
        assertThat(http.get("/auth/me", token + "x").status()).isEqualTo(401);
        assertThat(http.get("/auth/me", token.substring(0, token.length() - 3)).status()).isEqualTo(401);
        assertThat(RawSocket.attempt("/ws?token=" + token + "x", Map.of()).status()).isEqualTo(401);
        assertThat(RawSocket.attempt("/ws", Map.of("Authorization", "Bearer " + token + "x")).status()).isEqualTo(401);

        // chat: through the gateway, Kafka and the worker, and back
        String roomId = user.createRoom("secret keeping");
        try (RawSocket socket = user.connect()) {
            assertThat(socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + roomId + "\"")).get("ok").asBoolean()).isTrue();
            JsonNode ack = socket.answerTo(socket.send("sendMessage", "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                    + UUID.randomUUID() + "\",\"content\":\"nothing to see here\""));
            assertThat(ack.get("status").asString()).isEqualTo("ACCEPTED");
            socket.await(frame -> "newMessage".equals(frame.get("type").asString()), Duration.ofSeconds(15));
            socket.sendText("{\"type\":\"joinRoom\",\"id\":\"x\",\"roomId\":\"" + token + "\"}");
            socket.answerTo("x");
        }
        User.sleep(300);

        List<String> lines = List.copyOf(capture.lines);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(lines).as("the capture works: the refused register was logged at debug")
                .anyMatch(line -> line.contains("/auth/register answered 400"));
        assertThat(lines).as("log lines holding the password")
                .noneMatch(line -> line.contains(password))
                .noneMatch(line -> line.contains(wrongPassword));
        assertThat(lines).as("log lines holding the access token or its signature")
                .noneMatch(line -> line.contains(token))
                .noneMatch(line -> line.contains(signature));
        System.out.println("secrets: " + lines.size() + " log lines captured during the session, none holds a secret");
    }
}
