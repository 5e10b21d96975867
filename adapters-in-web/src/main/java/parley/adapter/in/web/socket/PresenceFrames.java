package parley.adapter.in.web.socket;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import parley.application.port.out.RoomSignal;
import parley.domain.room.RoomId;

/**
 * Tells this gateway's sockets that a user came or went: every socket watching one of the user's
 * rooms, found through the rooms (not by scanning every socket), gets the frame once.
 */
@Component
class PresenceFrames {

    private final FrameCodec codec;

    PresenceFrames(FrameCodec codec) {
        this.codec = codec;
    }

    void deliver(RoomSignal.PresenceChanged presence, RoomWatchers watchers) {
        Set<ChatSession> recipients = new LinkedHashSet<>();
        for (RoomId room : presence.rooms()) {
            recipients.addAll(watchers.of(room));
        }
        if (recipients.isEmpty()) {
            return;
        }
        byte[] frame = codec.presence(presence.userId(), presence.online());
        for (ChatSession session : recipients) {
            if (!session.userId().equals(presence.userId())) {
                session.emit(frame);
            }
        }
    }
}
