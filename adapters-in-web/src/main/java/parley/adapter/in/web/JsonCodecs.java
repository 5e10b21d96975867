package parley.adapter.in.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts {@link StrictUtf8JsonDecoder} in place of the default JSON decoder, over the application's
 * JsonMapper and with the configured body limit. It runs after Spring Boot's own codec settings
 * (a configurer without an order comes last), so it is the decoder that stays.
 */
@Component
class JsonCodecs implements WebFluxConfigurer {

    private final JsonMapper mapper;
    private final int maxBodyBytes;

    JsonCodecs(JsonMapper mapper, @Value("${spring.http.codecs.max-in-memory-size:64KB}") DataSize maxBody) {
        this.mapper = mapper;
        this.maxBodyBytes = Math.toIntExact(maxBody.toBytes());
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        StrictUtf8JsonDecoder decoder = new StrictUtf8JsonDecoder(mapper);
        decoder.setMaxInMemorySize(maxBodyBytes);
        configurer.defaultCodecs().jacksonJsonDecoder(decoder);
    }
}
