package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * M7 of the red-team review: a user whose gateway is killed never said goodbye, so nobody used to
 * announce them offline and their peers saw them online for good. Now the gateways sweep expired
 * connections and announce the user offline once their last connection's time-to-live has passed.
 */
class CrashedPresenceTest {

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aUserWhoseGatewayIsKilledIsAnnouncedOfflineToPeersOnAnotherGateway() throws Exception {
        FaultStack stack = FaultStack.get();
        // the killed gateway gives its connections a 6 s time-to-live (default 60 s): the test need not wait a minute
        AppProcess doomed = stack.startExtraGateway("fault-gw-presence", "--parley.presence.connection-ttl=6s");
        Api api = new Api(stack.gateway().http());
        Api.User alice = api.register("crash-alice");
        Api.User bob = api.register("crash-bob");
        String roomId = api.createRoom(alice, "presence after a crash");
        api.join(bob, roomId);
        doomed.awaitHealthy(FaultStack.START_TIMEOUT);

        AtomicBoolean beating = new AtomicBoolean(true);
        try (WsClient watcher = WsClient.connect(stack.gateway().ws(), bob.token(), "bob", Duration.ofSeconds(15));
             WsClient crashing = WsClient.connect(doomed.ws(), alice.token(), "alice", Duration.ofSeconds(15))) {
            watcher.join(roomId, null, Duration.ofSeconds(15));
            crashing.join(roomId, null, Duration.ofSeconds(15));
            Thread heartbeat = Thread.ofPlatform().daemon().start(() -> {
                while (beating.get() && !crashing.isClosed()) {
                    crashing.send("heartbeat", null);
                    Sleep.millis(1_000);
                }
            });
            assertThat(Sleep.until(() -> lastPresence(watcher, alice.id()) == Boolean.TRUE, Duration.ofSeconds(30)))
                    .as("bob first sees alice online: %s", watcher.presenceFrames()).isTrue();

            long killedAt = System.nanoTime();
            doomed.kill9();
            beating.set(false);
            heartbeat.join(5_000);

            // promise: the connection's time-to-live (6 s) plus one sweep interval (10 s); the bound is five times that
            boolean offline = Sleep.until(() -> lastPresence(watcher, alice.id()) == Boolean.FALSE, Duration.ofSeconds(80));
            double seconds = Sleep.secondsSince(killedAt);
            new Figures("presence of a user whose gateway was killed")
                    .put("announced offline", offline)
                    .seconds("kill -9 to offline frame", seconds)
                    .put("presence frames bob got", watcher.presenceFrames())
                    .print();
            assertThat(offline).as("bob is told alice went offline: %s", watcher.presenceFrames()).isTrue();
        } finally {
            beating.set(false);
            doomed.stop();
        }
    }

    /** The last presence frame about {@code userId}, or null when there was none. */
    private static Boolean lastPresence(WsClient watcher, String userId) {
        Boolean last = null;
        for (JsonNode frame : watcher.presenceFrames()) {
            if (userId.equals(frame.get("userId").asString())) {
                last = frame.get("online").asBoolean();
            }
        }
        return last;
    }
}
