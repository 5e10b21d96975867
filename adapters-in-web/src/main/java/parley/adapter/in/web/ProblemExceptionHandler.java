package parley.adapter.in.web;

import java.net.URI;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers failures that happen outside request handling, where {@link ProblemAdvice} cannot see
 * them: above all the 401 of {@link BearerAuthenticationFilter}. It runs before Spring Boot's
 * error handler (order -1), so those failures carry the same problem body and code as all others.
 */
@Component
final class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final ResolvableType PROBLEM_TYPE = ResolvableType.forClass(ProblemDetail.class);

    private final ServerCodecConfigurer codecs;

    ProblemExceptionHandler(ServerCodecConfigurer codecs) {
        this.codecs = codecs;
    }

    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        Problems.Problem problem = Problems.of(failure);
        Problems.report(problem, failure, exchange.getRequest());
        ProblemDetail body = problem.body();
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        response.setStatusCode(problem.status());
        response.getHeaders().clearContentHeaders();
        response.getHeaders().addAll(problem.headers());
        return problemWriter().write(Mono.just(body), PROBLEM_TYPE, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }

    @SuppressWarnings("unchecked")
    private HttpMessageWriter<ProblemDetail> problemWriter() {
        return (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(writer -> writer.canWrite(PROBLEM_TYPE, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec writes application/problem+json; is Jackson on the class path?"));
    }
}
