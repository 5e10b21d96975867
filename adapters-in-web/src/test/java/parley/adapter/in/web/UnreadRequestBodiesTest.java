package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * C1 of the red-team review: a JSON body that no handler reads (an anonymous request answered
 * 401, a public path without a handler, a join that takes no body) must not stay in the gateway's
 * memory. The UTF-8 check used to read every JSON body up front into a pooled buffer that only a
 * reading handler released: about 70 KiB of direct memory per such request, for good.
 */
class UnreadRequestBodiesTest extends WebTest {

    private static final int REQUESTS_PER_PATH = 300;

    @Test
    void largeJsonBodiesThatNoHandlerReadsAreFreed() {
        Account member = newAccount();
        String roomId = createRoomId(member);
        byte[] body = ("{\"pad\":\"" + "x".repeat(60_000) + "\"}").getBytes();
        List<Runnable> unreadBodies = List.of(
                () -> client.post().uri("/rooms").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                        .exchange().expectStatus().isUnauthorized().expectBody().returnResult(),
                () -> client.post().uri("/favicon.ico").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                        .exchange().expectStatus().is4xxClientError().expectBody().returnResult(),
                () -> client.post().uri("/rooms/{id}/join", roomId).headers(bearer(member)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body).exchange().expectStatus().isOk().expectBody().returnResult());
        warmUp(unreadBodies);
        long before = directMemoryInUse();

        for (Runnable request : unreadBodies) {
            for (int i = 0; i < REQUESTS_PER_PATH; i++) {
                request.run();
            }
        }
        long after = directMemoryInUse();

        System.out.printf("direct memory in use: %.1f MiB before, %.1f MiB after %d unread 60 KB bodies%n",
                before / 1048576.0, after / 1048576.0, 3 * REQUESTS_PER_PATH);
        // a leak would hold 3 x 300 x ~64 KiB = about 56 MiB
        assertThat(after - before).as("direct memory still in use, bytes").isLessThan(8L << 20);
    }

    private static void warmUp(List<Runnable> requests) {
        for (Runnable request : requests) {
            for (int i = 0; i < 10; i++) {
                request.run();
            }
        }
    }

    private static long directMemoryInUse() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }
}
