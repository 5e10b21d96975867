package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of docker-compose.yml and the Dockerfiles without a Docker engine: the file
 * parses, every service the README names is there, and the ports and environment variables agree
 * with what the applications read.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(PARLEY_[A-Z_]+):");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) services().get(name);
    }

    @Test
    void everyServiceTheReadmeNamesIsThere() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(services()).containsKeys("postgres", "valkey", "kafka", "kafka-ui", "gateway", "worker");
        for (String service : services().keySet()) {
            assertThat(readme).as("README mentions compose service %s", service).contains("`" + service + "`");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "worker"})
    @SuppressWarnings("unchecked")
    void theDeployablesGetExactlyTheVariablesTheirConfigurationReads(String app) throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service(app).get("environment");
        String config = app.equals("worker") ? "worker.yml" : "application.yml";
        Set<String> read = placeholders(ROOT.resolve("boot-" + app + "/src/main/resources/" + config));

        assertThat(environment.keySet()).allSatisfy(variable -> assertThat(read).as("%s reads %s", app, variable).contains(variable));
        assertThat(environment.keySet()).contains("PARLEY_POSTGRES_HOST", "PARLEY_KAFKA_BOOTSTRAP_SERVERS");
        if (app.equals("gateway")) {
            assertThat(environment.keySet()).contains("PARLEY_REDIS_HOST", "PARLEY_JWT_SECRET");
        }
    }

    // M6: replicas of the gateway service share its environment; one pinned id would put them all in one group
    @Test
    @SuppressWarnings("unchecked")
    void theGatewayIsNotPinnedToOneInstanceId() throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service("gateway").get("environment");

        assertThat(environment).doesNotContainKey("PARLEY_INSTANCE_ID");
    }

    // L5: the settings a production cluster needs are spelled out where users copy them from
    @Test
    @SuppressWarnings("unchecked")
    void theTopicsDurabilitySettingsAreExplicit() throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service("worker").get("environment");

        assertThat(environment).containsKeys("PARLEY_KAFKA_REPLICATION_FACTOR", "PARLEY_KAFKA_MIN_INSYNC_REPLICAS",
                "PARLEY_KAFKA_MESSAGES_RETENTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway:3000,3002", "worker:3001"})
    void theDeployablesPublishTheirPortsOnLoopback(String appAndPorts) throws IOException {
        String[] parts = appAndPorts.split(":");
        List<String> expected = java.util.Arrays.stream(parts[1].split(",")).map(port -> "127.0.0.1:" + port + ":" + port).toList();
        assertThat(service(parts[0]).get("ports")).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatewaysActuatorHasAPortOfItsOwnPublishedOnLoopbackOnly() throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service("gateway").get("environment");

        assertThat(environment).containsEntry("PARLEY_GATEWAY_MANAGEMENT_PORT", "3002");
        assertThat(environment.get("PARLEY_GATEWAY_PORT")).isNotEqualTo(environment.get("PARLEY_GATEWAY_MANAGEMENT_PORT"));
        assertThat((List<String>) service("gateway").get("ports")).noneMatch(port -> port.startsWith("3002") || port.startsWith("0.0.0.0"));
    }

    /** A secret written into the compose file, or a fallback for one, is a secret every reader of the repository knows. */
    @Test
    void theJwtSecretAndTheDatabasePasswordAreRequiredVariablesWithoutFallbacks() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher references = Pattern.compile("\\$\\{(PARLEY_JWT_SECRET|PARLEY_POSTGRES_PASSWORD)([^}]*)}").matcher(text);
        List<String> found = references.results().map(result -> result.group(1) + result.group(2)).toList();

        assertThat(found).as("references to the secrets").isNotEmpty()
                .allSatisfy(reference -> assertThat(reference).as(reference).matches("[A-Z_]+:\\?.+"));
        assertThat(found).anyMatch(reference -> reference.startsWith("PARLEY_JWT_SECRET"))
                .anyMatch(reference -> reference.startsWith("PARLEY_POSTGRES_PASSWORD"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresAndTheDeployablesShareTheOneRequiredPassword() throws IOException {
        Map<String, Object> postgres = (Map<String, Object>) service("postgres").get("environment");
        Map<String, Object> worker = (Map<String, Object>) service("worker").get("environment");
        Map<String, Object> gateway = (Map<String, Object>) service("gateway").get("environment");

        assertThat(postgres.get("POSTGRES_PASSWORD")).asString().startsWith("${PARLEY_POSTGRES_PASSWORD:?");
        assertThat(worker.get("PARLEY_POSTGRES_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(gateway.get("PARLEY_POSTGRES_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(gateway.get("PARLEY_JWT_SECRET")).asString().startsWith("${PARLEY_JWT_SECRET:?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway:3000:/health", "worker:3001:/actuator/health"})
    @SuppressWarnings("unchecked")
    void theDeployablesHaveHealthchecksOnTheirOwnHealthEndpoints(String appPortPath) throws IOException {
        String[] parts = appPortPath.split(":");
        Map<String, Object> healthcheck = (Map<String, Object>) service(parts[0]).get("healthcheck");

        assertThat(healthcheck).as("%s healthcheck", parts[0]).isNotNull();
        assertThat(String.join(" ", (List<String>) healthcheck.get("test")))
                .contains("/dev/tcp/127.0.0.1/" + parts[1], "GET " + parts[2] + " ", " 200 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "worker"})
    @SuppressWarnings("unchecked")
    void eachDeployableIsBuiltFromItsOwnLayeredDockerfileOnTemurin(String app) throws IOException {
        Map<String, Object> build = (Map<String, Object>) service(app).get("build");
        Path dockerfile = ROOT.resolve((String) build.get("dockerfile"));
        String text = Files.readString(dockerfile);

        assertThat(dockerfile).isEqualTo(ROOT.resolve("boot-" + app + "/Dockerfile"));
        assertThat(text).contains("FROM eclipse-temurin:", "-jre", "--layers", "JarLauncher", "boot-" + app);
    }

    @Test
    void theInfrastructureImagesAreTheOnesTheDocsPromise() throws IOException {
        assertThat(service("valkey").get("image").toString()).startsWith("valkey/valkey:8");
        assertThat(service("postgres").get("image").toString()).startsWith("postgres:17");
        assertThat(service("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(service("kafka").get("environment").toString()).contains("KAFKA_PROCESS_ROLES=broker,controller");
    }

    private static Set<String> placeholders(Path yaml) throws IOException {
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(yaml));
        return matcher.results().map(result -> result.group(1)).collect(Collectors.toSet());
    }
}
