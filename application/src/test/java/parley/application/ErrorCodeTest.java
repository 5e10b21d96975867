package parley.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one code list is the contract's: every code a client can get is documented for it. */
class ErrorCodeTest {

    private static final Path DOCS = Path.of("..", "docs");

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeIsInTheApiOrTheProtocolDocument(ErrorCode code) throws IOException {
        String api = Files.readString(DOCS.resolve("API.md"));
        String protocol = Files.readString(DOCS.resolve("PROTOCOL.md"));

        assertThat(api + protocol).as("docs/API.md or docs/PROTOCOL.md").contains("`" + code.name() + "`");
    }
}
