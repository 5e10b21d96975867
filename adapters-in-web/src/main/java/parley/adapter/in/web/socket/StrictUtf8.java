package parley.adapter.in.web.socket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * Text a client sent, decoded strictly: bytes that are not UTF-8 are an error of the client's
 * rather than text with replacement characters in it (RFC 6455 requires text frames to be UTF-8,
 * and Engine.IO payloads are text).
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** Reads the buffer's readable bytes (it is not released). */
    public static String decode(DataBuffer buffer) throws CharacterCodingException {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        return decode(bytes);
    }
}
