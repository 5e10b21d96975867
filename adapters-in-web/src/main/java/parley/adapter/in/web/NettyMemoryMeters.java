package parley.adapter.in.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.springframework.stereotype.Component;

/**
 * The memory Netty's default allocator holds, which the JVM's own buffer-pool meters may not see
 * (Netty allocates direct memory without the JDK's accounting where it can). A leaked request body
 * shows here first; the abuse soak watches it.
 */
@Component
class NettyMemoryMeters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry meters) {
        if (!(ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider)) {
            return;
        }
        ByteBufAllocatorMetric metric = provider.metric();
        Gauge.builder("parley.netty.memory.used", metric, ByteBufAllocatorMetric::usedDirectMemory)
                .tag("kind", "direct").baseUnit("bytes")
                .description("direct memory held by Netty's default allocator").register(meters);
        Gauge.builder("parley.netty.memory.used", metric, ByteBufAllocatorMetric::usedHeapMemory)
                .tag("kind", "heap").baseUnit("bytes")
                .description("heap memory held by Netty's default allocator").register(meters);
    }
}
