package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v3/api-docs (springdoc, added by the boot module) describes the API as the annotations say. */
class OpenApiDescriptionTest extends WebTest {

    Map<String, Object> description;

    @BeforeEach
    void readDescription() {
        description = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> at(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            assertThat(current).as("path %s", String.join(" > ", keys)).containsKey(key);
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @Test
    void describesEveryEndpoint() {
        Map<String, Object> paths = at(description, "paths");

        assertThat(paths).containsOnlyKeys("/auth/register", "/auth/login", "/auth/me", "/auth/refresh", "/auth/logout", "/auth/logout-all",
                "/auth/sessions", "/auth/sessions/{sessionId}", "/auth/password", "/rooms", "/rooms/discover",
                "/rooms/{roomId}", "/rooms/{roomId}/join", "/rooms/{roomId}/leave", "/rooms/{roomId}/members",
                "/rooms/{roomId}/messages", "/rooms/{roomId}/read", "/rooms/{roomId}/members/{userId}", "/rooms/{roomId}/bans",
                "/rooms/{roomId}/bans/{userId}", "/rooms/{roomId}/invitations", "/rooms/{roomId}/invitations/{userId}", "/invitations",
                "/users", "/direct-rooms");
        assertThat(at(paths, "/rooms")).containsOnlyKeys("get", "post");
        assertThat(at(paths, "/rooms/{roomId}")).containsOnlyKeys("get", "patch");
        assertThat(at(paths, "/rooms/{roomId}/members/{userId}")).containsOnlyKeys("put", "delete");
        assertThat(at(paths, "/rooms/{roomId}/bans")).containsOnlyKeys("get", "post");
        assertThat(at(paths, "/rooms/{roomId}/invitations")).containsOnlyKeys("post");
        assertThat(at(paths, "/rooms/{roomId}/invitations/{userId}")).containsOnlyKeys("delete");
    }

    @Test
    void declaresTheBearerSchemeAndRequiresItBeyondSigningIn() {
        assertThat(at(description, "components", "securitySchemes", "bearer"))
                .containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");

        assertThat(at(description, "paths", "/rooms/{roomId}/messages", "get")).containsEntry("security", List.of(Map.of("bearer", List.of())));
        assertThat(at(description, "paths", "/auth/me", "get")).containsKey("security");
        assertThat(at(description, "paths", "/auth/register", "post")).doesNotContainKey("security");
        assertThat(at(description, "paths", "/auth/login", "post")).doesNotContainKey("security");
        assertThat(at(description, "paths", "/auth/refresh", "post")).doesNotContainKey("security");
        assertThat(at(description, "paths", "/auth/logout", "post")).containsKey("security");
    }

    @Test
    void describesTheProblemResponsesOfAnEndpoint() {
        Map<String, Object> responses = at(description, "paths", "/rooms/{roomId}", "get", "responses");

        assertThat(responses).containsKeys("200", "400", "401", "403", "404", "500", "503");
        assertThat(at(responses, "403", "content")).containsOnlyKeys("application/problem+json");
        assertThat(at(responses, "403", "content", "application/problem+json", "schema")).containsEntry("$ref", "#/components/schemas/Problem");
        assertThat(at(description, "paths", "/auth/register", "post", "responses")).containsKeys("201", "409", "413", "415");
    }

    @Test
    void theProblemSchemaCarriesTheStableCode() {
        assertThat(at(description, "components", "schemas", "Problem", "properties")).containsKeys("status", "title", "detail", "message", "code", "errors");
    }

    @Test
    void requestBodiesAreDescribedByTheirFieldsNotAsFreeJson() {
        Map<String, Object> register = at(description, "components", "schemas", "RegisterRequest");

        assertThat(at(register, "properties")).containsOnlyKeys("email", "password", "displayName");
        assertThat(register).containsEntry("required", List.of("email", "password"));
    }
}
