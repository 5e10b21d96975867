package parley.boot.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops owned by this application context instead of Reactor Netty's JVM-global ones. With
 * global resources, closing one context shuts the loops of every other context in the JVM, which
 * kills a gateway when a worker beside it stops (system tests, the development launcher).
 */
@Configuration(proxyBeanMethods = false)
class NettyResourcesWiring {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        var factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
