package parley.reliability.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rooms of fresh users, each user with one socket on a gateway, joined to its room with
 * {@code lastSeenSeq: 0} (so nothing between the join and the first live message can be missed).
 */
final class Rooms implements AutoCloseable {

    record Member(Api.User user, WsClient socket) {
    }

    record Room(String id, List<Member> senders, List<Member> listeners) {
        List<WsClient> sockets() {
            List<WsClient> all = new ArrayList<>();
            senders.forEach(m -> all.add(m.socket()));
            listeners.forEach(m -> all.add(m.socket()));
            return all;
        }
    }

    private final List<Room> rooms = new ArrayList<>();

    static Rooms create(Api api, String wsUrl, String prefix, int roomCount, int sendersPerRoom, int listenersPerRoom) {
        Rooms result = new Rooms();
        int perRoom = sendersPerRoom + listenersPerRoom;
        List<Api.User> users = api.registerMany(prefix, roomCount * perRoom);
        for (int r = 0; r < roomCount; r++) {
            List<Api.User> mine = users.subList(r * perRoom, (r + 1) * perRoom);
            String roomId = api.createRoom(mine.get(0), prefix + " room " + r);
            mine.stream().skip(1).forEach(u -> api.join(u, roomId));
            List<Member> senders = new ArrayList<>();
            List<Member> listeners = new ArrayList<>();
            for (int i = 0; i < perRoom; i++) {
                Api.User u = mine.get(i);
                WsClient socket = WsClient.connect(wsUrl, u.token(), u.name(), Duration.ofSeconds(10));
                socket.join(roomId, 0L, Duration.ofSeconds(10));
                (i < sendersPerRoom ? senders : listeners).add(new Member(u, socket));
            }
            result.rooms.add(new Room(roomId, senders, listeners));
        }
        return result;
    }

    List<Room> all() {
        return rooms;
    }

    List<String> ids() {
        return rooms.stream().map(Room::id).toList();
    }

    /** Room id to every socket in it. */
    Map<String, List<WsClient>> subscribers() {
        Map<String, List<WsClient>> map = new LinkedHashMap<>();
        rooms.forEach(r -> map.put(r.id(), r.sockets()));
        return map;
    }

    List<WsClient> sockets() {
        return rooms.stream().flatMap(r -> r.sockets().stream()).toList();
    }

    @Override
    public void close() {
        sockets().forEach(WsClient::close);
    }
}
