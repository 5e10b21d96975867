package parley.adapter.in.web.socket;

import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * The frames the server pushes to a socket unasked, in one wire protocol's encoding. Each session
 * carries its protocol's encoder; the shared delivery, presence and catch-up code encode a frame
 * once per protocol in use (never once per socket) and hand every socket its protocol's bytes.
 */
interface ServerFrames {

    byte[] newMessage(Message message);

    /** {@code version} 0 means unknown. */
    byte[] presence(UserId userId, boolean online, long version);

    byte[] typing(RoomId roomId, UserId userId);

    /** A catch-up was given up: the socket no longer watches the room and should join it again. */
    byte[] catchUpFailed(RoomId roomId, String message);
}
