package parley.adapter.in.web.socket;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import parley.application.model.RoomSignal;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * Tells this gateway's sockets that a user came or went: every socket watching one of the user's
 * rooms, found through the rooms (not by scanning every socket), gets the frame once. A change
 * older than one already passed on for the same user (it overtook a newer one on its way: an
 * offline from one gateway arriving after the online from another) is dropped, so peers do not
 * end up with the stale state.
 */
@Component
class PresenceFrames {

    /** Users whose latest version is remembered; older entries fall out first, and after an hour without change. */
    private static final int REMEMBERED_USERS = 100_000;

    private final Cache<UserId, Long> latestVersion = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_USERS)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    void deliver(RoomSignal.PresenceChanged presence, RoomWatchers watchers) {
        if (isStale(presence)) {
            return;
        }
        Set<ChatSession> recipients = new LinkedHashSet<>();
        for (RoomId room : presence.rooms()) {
            recipients.addAll(watchers.of(room));
        }
        if (recipients.isEmpty()) {
            return;
        }
        Map<ServerFrames, byte[]> encoded = new HashMap<>(2);
        for (ChatSession session : recipients) {
            if (!session.userId().equals(presence.userId())) {
                session.emit(encoded.computeIfAbsent(session.frames(),
                        frames -> frames.presence(presence.userId(), presence.online(), presence.version())));
            }
        }
    }

    /** Whether a newer change of this user was passed on already; remembers this one's version otherwise. */
    private boolean isStale(RoomSignal.PresenceChanged presence) {
        if (presence.version() == 0) {
            return false;
        }
        boolean[] stale = {false};
        latestVersion.asMap().compute(presence.userId(), (user, latest) -> {
            if (latest != null && latest >= presence.version()) {
                stale[0] = true;
                return latest;
            }
            return presence.version();
        });
        return stale[0];
    }
}
