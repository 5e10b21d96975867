package parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

@WithRealInfrastructure
class LoopbackOnlyTest {

    @Test
    void endpointsAndSpringPropertiesPointAtTheLoopbackAddress(RealInfrastructure infrastructure) {
        assumeTrue(infrastructure.mode() == InfrastructureMode.EMBEDDED, "only embedded servers are bound by us");

        assertThat(infrastructure.postgres().host()).isEqualTo("127.0.0.1");
        assertThat(infrastructure.kafka().bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(infrastructure.redis().host()).isEqualTo("127.0.0.1");
        assertThat(infrastructure.springProperties())
                .containsEntry("spring.r2dbc.url", infrastructure.postgres().r2dbcUrl())
                .containsEntry("spring.flyway.url", infrastructure.postgres().jdbcUrl())
                .containsEntry("spring.datasource.url", infrastructure.postgres().jdbcUrl())
                .containsEntry("spring.kafka.bootstrap-servers", infrastructure.kafka().bootstrapServers())
                .containsEntry("spring.data.redis.host", "127.0.0.1")
                .containsEntry("spring.data.redis.port", Integer.toString(infrastructure.redis().port()))
                .containsKeys("spring.r2dbc.username", "spring.r2dbc.password", "spring.flyway.user",
                        "spring.flyway.password", "spring.datasource.username", "spring.datasource.password");
    }

    /**
     * Every listening TCP socket held by this JVM (Kafka) or by its child processes (postgres, redis-server) is bound
     * to 127.0.0.1 (possibly as the IPv4-mapped IPv6 address): none on a wildcard address, none on another interface.
     */
    @Test
    void noServerOfThisJvmListensBeyondLoopback(RealInfrastructure infrastructure) throws IOException {
        assumeTrue(infrastructure.mode() == InfrastructureMode.EMBEDDED, "only embedded servers are bound by us");
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");

        Set<String> ourSockets = new HashSet<>(socketInodes(ProcessHandle.current().pid()));
        ProcessHandle.current().descendants().forEach(child -> ourSockets.addAll(socketInodes(child.pid())));

        List<Listener> listeners = new ArrayList<>();
        listeners.addAll(listening(Path.of("/proc/net/tcp"), ourSockets));
        listeners.addAll(listening(Path.of("/proc/net/tcp6"), ourSockets));

        int postgresPort = infrastructure.postgres().port();
        int redisPort = infrastructure.redis().port();
        int kafkaPort = Integer.parseInt(infrastructure.kafka().bootstrapServers().replaceAll(".*:", ""));
        assertThat(listeners).extracting(Listener::port).contains(postgresPort, redisPort, kafkaPort);
        assertThat(listeners).allSatisfy(listener -> assertThat(listener.address())
                .as("listener on port %d", listener.port()).isEqualTo("127.0.0.1"));
    }

    record Listener(String address, int port) {
    }

    private static List<Listener> listening(Path table, Set<String> inodes) throws IOException {
        if (!Files.exists(table)) {
            return List.of();
        }
        boolean v6 = table.getFileName().toString().endsWith("6");
        try (Stream<String> lines = Files.lines(table)) {
            return lines.skip(1)
                    .map(String::trim)
                    .map(line -> line.split("\\s+"))
                    .filter(columns -> columns[3].equals("0A")) // TCP_LISTEN
                    .filter(columns -> inodes.contains(columns[9]))
                    .map(columns -> {
                        String[] local = columns[1].split(":");
                        return new Listener(v6 ? ipv6(local[0]) : ipv4(local[0]), Integer.parseInt(local[1], 16));
                    })
                    .toList();
        }
    }

    /** /proc/net/tcp prints the address as a little-endian hex int. */
    private static String ipv4(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 24) & 0xff);
    }

    /** Java binds IPv6 sockets: 127.0.0.1 shows up as the IPv4-mapped {@code ::ffff:127.0.0.1}. */
    private static String ipv6(String hex) {
        String mappedPrefix = "0000000000000000FFFF0000";
        return hex.toUpperCase().startsWith(mappedPrefix) ? ipv4(hex.substring(mappedPrefix.length())) : "ipv6:" + hex;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // fd closed meanwhile
                }
            }
        } catch (IOException ignored) {
            // process gone or not ours to inspect
        }
        return inodes;
    }
}
