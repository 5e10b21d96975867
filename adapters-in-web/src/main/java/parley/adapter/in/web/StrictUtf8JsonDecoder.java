package parley.adapter.in.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.codec.Hints;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON decoder of the REST endpoints, refusing a body that is not valid UTF-8 before Jackson
 * reads it. Jackson decodes some invalid sequences leniently (the overlong {@code C0 AF} becomes
 * {@code /}), and an overlong encoding is the classic way to slip a character past a check; such a
 * body is answered 400 {@code MALFORMED_JSON} like any other body that is not JSON.
 *
 * <p>The check sits in the decoder, where a handler that wants the body reads it, and not in a
 * filter that reads every body up front: a body nobody reads (a 401, a path without a handler, a
 * join) is then never read into memory by the gateway at all, and the server frees it. Decoded
 * bodies are never logged (they hold passwords), whatever the log level.
 */
final class StrictUtf8JsonDecoder extends JacksonJsonDecoder {

    StrictUtf8JsonDecoder(JsonMapper mapper) {
        super(mapper);
    }

    /** Whole bodies (what {@code @RequestBody JsonNode} reads) arrive here joined into one buffer. */
    @Override
    public Object decode(DataBuffer buffer, ResolvableType targetType, MimeType mimeType, Map<String, Object> hints) {
        try {
            requireUtf8(buffer);
        } catch (DecodingException notUtf8) {
            DataBufferUtils.release(buffer);
            throw notUtf8;
        }
        // never log what was decoded: bodies hold passwords
        return super.decode(buffer, targetType, mimeType, Hints.merge(hints, Hints.SUPPRESS_LOGGING_HINT, true));
    }

    private static void requireUtf8(DataBuffer body) {
        ByteBuffer bytes = ByteBuffer.allocate(body.readableByteCount());
        body.toByteBuffer(body.readPosition(), bytes, 0, bytes.capacity());
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
        } catch (CharacterCodingException e) {
            throw new DecodingException("the request body is not valid UTF-8", e);
        }
    }
}
