package parley.adapter.in.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses JSON request bodies that are not valid UTF-8 before Jackson reads them. Jackson decodes
 * some invalid sequences leniently (the overlong {@code C0 AF} becomes {@code /}), and an
 * overlong encoding is the classic way to slip a character past a check; such a body is answered
 * 400 {@code MALFORMED_JSON} like any other body that is not JSON.
 */
@Component
class StrictUtf8BodyFilter implements WebFilter, Ordered {

    private final int maxBodyBytes;

    StrictUtf8BodyFilter(@Value("${spring.http.codecs.max-in-memory-size:64KB}") DataSize maxBody) {
        this.maxBodyBytes = (int) maxBody.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBodyBytes)
                .onErrorMap(DataBufferLimitException.class, PayloadTooLargeException::new)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(body -> body.isEmpty() ? chain.filter(exchange) : chain.filter(withBody(exchange, body.get())));
    }

    private static ServerWebExchange withBody(ServerWebExchange exchange, DataBuffer body) {
        requireUtf8(body);
        var request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(body);
            }
        };
        return exchange.mutate().request(request).build();
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
            DataBufferUtils.release(body);
            throw new ServerWebInputException("the request body is not valid UTF-8", null, new DecodingException("not UTF-8", e));
        }
    }

    @Override
    public int getOrder() {
        // after authentication: an anonymous client gets its 401 without the body being read
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
