package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/** A registered, logged-in user of a gateway: the REST calls a client makes, with its token. */
record Actor(String id, String email, String displayName, String token, Rest rest) {

    static final String PASSWORD = "correct horse battery";

    static Actor register(Rest rest, String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        var registered = rest.post("/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + name + "\"}");
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        var login = rest.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        return new Actor(registered.body().get("id").asString(), email, name, login.body().get("accessToken").asString(), rest);
    }

    String createRoom(String name) {
        var created = rest.post("/rooms", token, "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    void join(String roomId) {
        var joined = rest.post("/rooms/" + roomId + "/join", token, null);
        assertThat(joined.status()).as(joined.raw()).isEqualTo(200);
    }

    Rest.Response get(String path) {
        return rest.get(path, token);
    }

    Rest.Response post(String path, String json) {
        return rest.post(path, token, json);
    }

    Rest.Response send(String method, String path, String json) {
        return rest.send(method, path, token, json);
    }

    /** The same user on another gateway (tokens are valid on every gateway). */
    Actor on(Rest other) {
        return new Actor(id, email, displayName, token, other);
    }
}
