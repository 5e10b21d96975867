package parley.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.application.port.in.RoomMember;
import parley.domain.message.MessageId;
import parley.domain.room.Membership;

/** One line of a room's member list. */
@Schema(name = "RoomMember")
@JsonInclude(JsonInclude.Include.ALWAYS)
record RoomMemberJson(
        String roomId,
        String userId,
        String displayName,
        Instant joinedAt,
        @Schema(allowableValues = {"OWNER", "ADMIN", "MEMBER"}, description = "v1.1") String role,
        @Schema(nullable = true, description = "null until the member marks something read") String lastReadMessageId,
        @Schema(nullable = true, description = "the seq of lastReadMessageId (v1.1); messages with a higher seq are unread")
        Long lastReadSeq,
        @Schema(description = "Whether one of the member's connections sent a heartbeat within the last 60 s") boolean online) {

    static RoomMemberJson from(RoomMember member) {
        Membership membership = member.membership();
        MessageId lastRead = membership.lastReadMessageId();
        return new RoomMemberJson(
                membership.roomId().value(),
                membership.userId().value(),
                member.displayName().value(),
                membership.joinedAt(),
                membership.role().name(),
                lastRead == null ? null : lastRead.value(),
                lastRead == null ? null : membership.lastReadSeq(),
                member.online());
    }
}
