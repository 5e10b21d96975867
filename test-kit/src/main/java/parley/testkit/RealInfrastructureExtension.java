package parley.testkit;

import java.util.Set;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension behind {@link WithRealInfrastructure}: starts {@link RealInfrastructure#shared()} in
 * {@code beforeAll} and resolves parameters of type {@link RealInfrastructure}, {@link PostgresEndpoint},
 * {@link KafkaEndpoint} and {@link RedisEndpoint}. The servers live until the JVM exits.
 */
public final class RealInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    private static final Set<Class<?>> RESOLVABLE =
            Set.of(RealInfrastructure.class, PostgresEndpoint.class, KafkaEndpoint.class, RedisEndpoint.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        RealInfrastructure.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return RESOLVABLE.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        RealInfrastructure infrastructure = RealInfrastructure.shared();
        Class<?> type = parameterContext.getParameter().getType();
        if (type == PostgresEndpoint.class) {
            return infrastructure.postgres();
        }
        if (type == KafkaEndpoint.class) {
            return infrastructure.kafka();
        }
        if (type == RedisEndpoint.class) {
            return infrastructure.redis();
        }
        return infrastructure;
    }
}
