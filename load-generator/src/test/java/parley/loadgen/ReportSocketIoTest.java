package parley.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's Socket.IO-beside-/ws section and goal, from results of bench.sh's socketio step (no servers). */
class ReportSocketIoTest {

    @Test
    void putsBothRunsSideBySideAndJudgesTheGoal(@TempDir Path results) throws Exception {
        run("ws-1000", 4.0, 20.0, 0).write(results);
        run("socketio-1000", 5.0, 24.0, 0).write(results);
        Files.writeString(results.resolve("environment.properties"), "scenarios=latency,socketio\n");

        String md = report(results);

        assertThat(md).contains("## Socket.IO beside /ws");
        assertThat(md).contains("| send→ACK p99 | 4.00 ms | 5.00 ms | 1.25× |");
        assertThat(md).contains("| send→deliver p99 | 20.0 ms | 24.0 ms | 1.20× |");
        assertThat(md).contains("| lost / duplicated / out of seq order | 0 / 0 / 0 | 0 / 0 / 0 | |");
        assertThat(md).containsPattern("\\| Socket.IO at 1,000 msg/s: 0 lost, 0 duplicated, p99 within 1.5× of /ws's \\|[^\\n]*\\| yes \\|");
        assertThat(md.indexOf("### /ws at 1,000 msg/s")).as("the /ws twin's table first").isLessThan(md.indexOf("### Socket.IO at 1,000 msg/s"));
    }

    @Test
    void aSlowerOrLossySocketIoMissesTheGoal(@TempDir Path results) throws Exception {
        run("ws-1000", 4.0, 20.0, 0).write(results);
        run("socketio-1000", 5.0, 31.0, 0).write(results);
        assertThat(report(results)).containsPattern("p99 within 1.5× of /ws's \\|[^\\n]*1\\.55×[^\\n]*\\| \\*\\*no\\*\\* \\|");

        run("socketio-1000", 4.0, 20.0, 3).write(results);
        assertThat(report(results)).containsPattern("p99 within 1.5× of /ws's \\|[^\\n]*3 lost[^\\n]*\\| \\*\\*no\\*\\* \\|");
    }

    @Test
    void saysWhySocketIoWasNotMeasuredAndIsSilentWhenTheStepDidNotRun(@TempDir Path results) throws Exception {
        run("latency", 4.0, 20.0, 0).write(results);
        Files.writeString(results.resolve("environment.properties"),
                "scenarios=latency,socketio\nsocketio=the gateway measured does not serve /socket.io/\n");
        assertThat(report(results)).contains("## Socket.IO beside /ws").contains("Not measured in this run: the gateway measured does not serve");

        Files.writeString(results.resolve("environment.properties"), "scenarios=latency\n");
        assertThat(report(results)).doesNotContain("Socket.IO beside");
    }

    private static String report(Path results) throws Exception {
        Path output = results.resolve("out/benchmarks.md");
        Report.write(new Options(new String[] {"--results=" + results, "--output=" + output}));
        return Files.readString(output);
    }

    private static Result run(String name, double ackP99, double deliverP99, double lost) {
        Result r = new Result(name, name.startsWith("ws") ? "/ws at 1,000 msg/s (beside Socket.IO)"
                : name.startsWith("socketio") ? "Socket.IO at 1,000 msg/s" : "Latency");
        r.number("targetRate", 1000).number("acceptedRate", 1000).number("deliveryRate", 10_000)
                .number("ackP50", ackP99 / 2).number("ackP99", ackP99).number("ackMax", ackP99 * 2)
                .number("deliverP50", deliverP99 / 2).number("deliverP99", deliverP99).number("deliverMax", deliverP99 * 2)
                .number("accepted", 45_000).number("lost", lost).number("duplicated", 0).number("outOfOrder", 0)
                .number("connectP99", 50).number("cpu.gateway", 40).number("cpu.loadgen", 20);
        r.row("ACCEPTED", "1,000 ACKs/s");
        return r;
    }
}
