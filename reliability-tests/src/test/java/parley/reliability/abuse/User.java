package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A registered, logged-in user of the abuse suite's gateway. */
record User(String id, String email, String password, String token, Http http) {

    static final String PASSWORD = "correct horse battery staple";

    static User register(String name) {
        return register(name, PASSWORD);
    }

    static User register(String name, String password) {
        Http http = Http.gateway();
        String email = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.com";
        Http.Reply registered = http.postJson("/auth/register", null,
                "{\"email\":" + Http.quote(email) + ",\"password\":" + Http.escaped(password) + ",\"displayName\":" + Http.quote(name) + "}");
        assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
        String token = logIn(http, email, password);
        return new User(registered.json().get("id").asString(), email, password, token, http);
    }

    static String logIn(Http http, String email, String password) {
        Http.Reply login = http.postJson("/auth/login", null,
                "{\"email\":" + Http.quote(email) + ",\"password\":" + Http.escaped(password) + "}");
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return login.json().get("accessToken").asString();
    }

    String createRoom(String name) {
        Http.Reply created = post("/rooms", "{\"name\":" + Http.quote(name) + "}");
        assertThat(created.status()).as("create room: %s", created).isEqualTo(201);
        return created.json().get("id").asString();
    }

    void join(String roomId) {
        Http.Reply joined = post("/rooms/" + roomId + "/join", null);
        assertThat(joined.status()).as("join: %s", joined).isEqualTo(200);
    }

    void leave(String roomId) {
        Http.Reply left = post("/rooms/" + roomId + "/leave", null);
        assertThat(left.status()).as("leave: %s", left).isEqualTo(204);
    }

    Http.Reply get(String path) {
        return http.get(path, token);
    }

    Http.Reply post(String path, String json) {
        return http.postJson(path, token, json);
    }

    /** Any method with an optional JSON body. */
    Http.Reply call(String method, String path, String json) {
        return http.send(method, path, token, json == null ? null : Http.JSON_TYPE,
                json == null ? null : java.net.http.HttpRequest.BodyPublishers.ofString(json));
    }

    RawSocket connect() {
        return RawSocket.open(token);
    }

    /** Sends a message over a socket of its own, waits until it is stored, and returns its id. */
    String sendStored(String roomId, String content) {
        String messageId;
        try (RawSocket socket = connect()) {
            JsonNode ack = socket.answerTo(socket.send("sendMessage", "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                    + UUID.randomUUID() + "\",\"content\":\"" + content + "\""));
            assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo("ACCEPTED");
            messageId = ack.get("messageId").asString();
        }
        awaitStored(roomId, messageId);
        return messageId;
    }

    /** Waits until the room's history holds a message with this id, and returns it. */
    JsonNode awaitStored(String roomId, String messageId) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Http.Reply history = get("/rooms/" + roomId + "/messages?limit=100");
            assertThat(history.status()).as("history: %s", history).isEqualTo(200);
            for (JsonNode message : history.json()) {
                if (messageId.equals(message.get("id").asString())) {
                    return message;
                }
            }
            sleep(50);
        }
        throw new AssertionError("message " + messageId + " never reached the history of room " + roomId);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
