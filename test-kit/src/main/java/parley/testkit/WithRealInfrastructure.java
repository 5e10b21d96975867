package parley.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the JVM-wide {@link RealInfrastructure} before the test class and lets test methods, constructors and
 * lifecycle methods take {@link RealInfrastructure}, {@link PostgresEndpoint}, {@link KafkaEndpoint} or
 * {@link RedisEndpoint} parameters. Tagged {@code infra}: {@code -DexcludedGroups=infra} leaves these tests out.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
@Tag("infra")
public @interface WithRealInfrastructure {
}
