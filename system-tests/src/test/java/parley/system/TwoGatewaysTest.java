package parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.system.Conversation.joinOk;
import static parley.system.Conversation.say;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances and one worker: a client on gateway A receives what a client on gateway B
 * sent. This is the flaw of the NestJS design (one consumer group shared by all gateways, so each
 * saw only some partitions); with a shared group this test fails for the rooms whose partition
 * the other gateway owns, which is why it uses rooms on every partition.
 */
class TwoGatewaysTest {

    private static final ParleyStack shared = ParleyStack.shared();
    private static final ParleyStack extra = new ParleyStack();
    private static ParleyStack.Gateway gatewayA;
    private static ParleyStack.Gateway gatewayB;

    @BeforeAll
    static void startTwoGateways() {
        gatewayA = extra.startGateway("gw-A");
        gatewayB = extra.startGateway("gw-B");
    }

    @AfterAll
    static void stopThem() {
        extra.close();
    }

    @Test
    void aClientOnOneGatewayReceivesWhatAClientOnTheOtherSentInEveryRoom() {
        Actor aliceOnA = Actor.register(new Rest(gatewayA.http()), "Alice");
        Actor bobOnB = Actor.register(new Rest(gatewayB.http()), "Bob");
        // enough rooms that, with 3 partitions keyed by room id, every partition carries one
        int rooms = 12;
        String[] roomIds = new String[rooms];
        for (int i = 0; i < rooms; i++) {
            roomIds[i] = aliceOnA.createRoom("across gateways " + i);
            bobOnB.join(roomIds[i]);
        }

        try (ChatSocket a = ChatSocket.connect(gatewayA.ws(), aliceOnA.token());
             ChatSocket b = ChatSocket.connect(gatewayB.ws(), bobOnB.token())) {
            for (String room : roomIds) {
                joinOk(a, room);
                joinOk(b, room);
            }
            for (String room : roomIds) {
                assertThat(say(b, room, "from B to A").get("status").asString()).isEqualTo("ACCEPTED");
                assertThat(say(a, room, "from A to B").get("status").asString()).isEqualTo("ACCEPTED");
            }
            for (String room : roomIds) {
                a.await(frame -> a.messagesIn(room).size() == 2, Duration.ofSeconds(20));
                b.await(frame -> b.messagesIn(room).size() == 2, Duration.ofSeconds(20));
                assertThat(a.messagesIn(room)).extracting(m -> m.get("content").asString()).containsExactly("from B to A", "from A to B");
                assertThat(b.messagesIn(room)).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L);
            }
        }
        assertThat(shared.gateway().port()).isNotIn(gatewayA.port(), gatewayB.port());
    }

    @Test
    void presenceAndTypingTravelBetweenGateways() {
        Actor aliceOnA = Actor.register(new Rest(gatewayA.http()), "Alice");
        Actor bobOnB = Actor.register(new Rest(gatewayB.http()), "Bob");
        String room = aliceOnA.createRoom("presence across gateways");
        bobOnB.join(room);

        try (ChatSocket a = ChatSocket.connect(gatewayA.ws(), aliceOnA.token())) {
            joinOk(a, room);
            try (ChatSocket b = ChatSocket.connect(gatewayB.ws(), bobOnB.token())) {
                joinOk(b, room);
                a.await(frame -> "presence".equals(frame.get("type").asString())
                        && bobOnB.id().equals(frame.get("userId").asString()) && frame.get("online").asBoolean(), Duration.ofSeconds(10));

                b.send("typing", "\"roomId\":\"" + room + "\"");
                var typing = a.await(frame -> "typing".equals(frame.get("type").asString()), Duration.ofSeconds(10));
                assertThat(typing.get("roomId").asString()).isEqualTo(room);
                assertThat(typing.get("userId").asString()).isEqualTo(bobOnB.id());
                assertThat(b.frames("typing")).as("the typist is not told about their own typing").isEmpty();

                var members = aliceOnA.get("/rooms/" + room + "/members").body();
                assertThat(members.findValues("online")).extracting(node -> node.asBoolean()).containsOnly(true);
            }
            a.await(frame -> "presence".equals(frame.get("type").asString())
                    && bobOnB.id().equals(frame.get("userId").asString()) && !frame.get("online").asBoolean(), Duration.ofSeconds(10));
        }
    }
}
