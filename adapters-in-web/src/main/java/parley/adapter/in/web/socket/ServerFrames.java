package parley.adapter.in.web.socket;

import com.fasterxml.jackson.annotation.JsonInclude;
import parley.adapter.in.web.MessageJson;
import parley.adapter.in.web.RoomJson;
import parley.adapter.in.web.RoomStateJson;
import parley.application.ErrorCode;
import parley.application.model.MemberChange;
import parley.domain.message.Message;
import parley.domain.message.MessageId;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * The frames the server pushes to a socket unasked. What a frame holds is decided here, once for
 * every wire protocol: a type and its members. How it looks on the wire is each protocol's
 * {@link #push}: on {@code /ws} a JSON object with {@code type} among its members, on Socket.IO an
 * event named after the type. A frame added here therefore reaches clients of every protocol
 * without code per protocol. Each session carries its protocol's encoder; the shared delivery,
 * presence and catch-up code encode a frame once per protocol in use (never once per socket) and
 * hand every socket its protocol's bytes.
 */
public abstract class ServerFrames {

    public static final String NEW_MESSAGE = "newMessage";
    public static final String ERROR = "error";

    public final byte[] newMessage(Message message) {
        return push(NEW_MESSAGE, new NewMessage(MessageJson.from(message)));
    }

    /** {@code version} 0 means unknown and is left out of the frame. */
    public final byte[] presence(UserId userId, boolean online, long version) {
        return push("presence", new Presence(userId.value(), online, version > 0 ? version : null));
    }

    public final byte[] typing(RoomId roomId, UserId userId) {
        return push("typing", new Typing(roomId.value(), userId.value()));
    }

    /** A member joined, left, was removed or banned, or has a new role ({@code role} null after a departure). */
    public final byte[] member(RoomId roomId, UserId userId, MemberChange change, Role role) {
        return push("member", new Member(roomId.value(), userId.value(), change.name(), role == null ? null : role.name()));
    }

    /** To the departed user's own sockets: from now on nothing more of the room. */
    public final byte[] removed(RoomId roomId, MemberChange reason) {
        return push("removed", new Removed(roomId.value(), reason.name()));
    }

    /** A member's read marker moved (to the room's sockets, the member's other devices among them). */
    public final byte[] read(RoomId roomId, UserId userId, MessageId lastReadMessageId, long lastReadSeq) {
        return push("read", new Read(roomId.value(), userId.value(), lastReadMessageId.value(), lastReadSeq));
    }

    public final byte[] roomUpdated(RoomStateJson room) {
        return push("roomUpdated", new RoomUpdated(room));
    }

    public final byte[] invited(RoomJson room, UserId invitedBy) {
        return push("invited", new Invited(room, invitedBy.value()));
    }

    /** A catch-up was given up: the socket no longer watches the room and should join it again. */
    public final byte[] catchUpFailed(RoomId roomId, String message) {
        return push(ERROR, new RoomError(roomId.value(), new Problem(ErrorCode.CATCH_UP_FAILED.name(), message)));
    }

    /**
     * One pushed frame in this protocol's encoding, as UTF-8 bytes ready to be written (and shared
     * by every socket it goes to: they must not be changed).
     *
     * @param type    the frame's type
     * @param members the frame's members besides its type: a record serialized as a JSON object
     */
    protected abstract byte[] push(String type, Object members);

    /** A failure as frames carry it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String code, String message) {
    }

    public record NewMessage(MessageJson message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Presence(String userId, boolean online, Long version) {
    }

    record Typing(String roomId, String userId) {
    }

    public record RoomError(String roomId, Problem error) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Member(String roomId, String userId, String change, String role) {
    }

    record Removed(String roomId, String reason) {
    }

    record Read(String roomId, String userId, String lastReadMessageId, long lastReadSeq) {
    }

    record RoomUpdated(RoomStateJson room) {
    }

    record Invited(RoomJson room, String invitedBy) {
    }
}
