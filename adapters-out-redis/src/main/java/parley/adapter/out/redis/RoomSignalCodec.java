package parley.adapter.out.redis;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import parley.application.model.MemberChange;
import parley.application.model.RoomSignal;
import parley.domain.message.MessageId;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * Room signals on the wire, one line of space-separated words:
 * <pre>
 * typing &lt;roomId&gt; &lt;userId&gt;
 * presence &lt;userId&gt; online|offline [@&lt;version&gt;] [&lt;roomId&gt; ...]
 * left &lt;roomId&gt; &lt;userId&gt;
 * member &lt;roomId&gt; &lt;userId&gt; JOINED|LEFT|REMOVED|BANNED|ROLE_CHANGED OWNER|ADMIN|MEMBER|-
 * room &lt;roomId&gt; &lt;changedBy&gt;
 * opened &lt;roomId&gt; &lt;peer&gt;
 * invited &lt;roomId&gt; &lt;invitee&gt; &lt;invitedBy&gt;
 * read &lt;roomId&gt; &lt;userId&gt; &lt;lastReadMessageId&gt; &lt;lastReadSeq&gt;
 * </pre>
 * ({@code -}: no role, after a departure).
 * A presence change names every room of the user, so each gateway can pick its sockets without a query, and carries
 * the user's presence version when it has one (a gateway from before versions sends none, and one from before
 * versions drops a versioned change as garbage: during a rolling upgrade presence may lag, chat does not). Ids are
 * ULIDs, which never contain a space. Anything else is not a signal: a newer gateway's new kind, a stray
 * {@code PUBLISH}, garbage.
 */
final class RoomSignalCodec {

    private static final String TYPING = "typing";
    private static final String PRESENCE = "presence";
    private static final String LEFT = "left";
    private static final String MEMBER = "member";
    private static final String ROOM = "room";
    private static final String OPENED = "opened";
    private static final String INVITED = "invited";
    private static final String READ = "read";
    private static final String NO_ROLE = "-";
    private static final String ONLINE = "online";
    private static final String OFFLINE = "offline";
    private static final String VERSION = "@";

    private RoomSignalCodec() {
    }

    static String encode(RoomSignal signal) {
        return switch (signal) {
            case RoomSignal.Typing typing -> String.join(" ", TYPING, typing.roomId().value(), typing.userId().value());
            case RoomSignal.PresenceChanged presence -> Stream.concat(
                            Stream.concat(Stream.of(PRESENCE, presence.userId().value(), presence.online() ? ONLINE : OFFLINE),
                                    presence.version() > 0 ? Stream.of(VERSION + presence.version()) : Stream.empty()),
                            presence.rooms().stream().sorted().map(RoomId::value))
                    .collect(Collectors.joining(" "));
            case RoomSignal.MemberLeft left -> String.join(" ", LEFT, left.roomId().value(), left.userId().value());
            case RoomSignal.MemberChanged member -> String.join(" ", MEMBER, member.roomId().value(), member.userId().value(),
                    member.change().name(), member.role() == null ? NO_ROLE : member.role().name());
            case RoomSignal.RoomChanged room -> String.join(" ", ROOM, room.roomId().value(), room.changedBy().value());
            case RoomSignal.DirectRoomOpened opened -> String.join(" ", OPENED, opened.roomId().value(), opened.peer().value());
            case RoomSignal.Invited invited -> String.join(" ", INVITED, invited.roomId().value(), invited.invitee().value(),
                    invited.invitedBy().value());
            case RoomSignal.MarkerMoved read -> String.join(" ", READ, read.roomId().value(), read.userId().value(),
                    read.lastReadMessageId().value(), Long.toString(read.lastReadSeq()));
        };
    }

    /** The signal, or empty when {@code text} is not one. */
    static Optional<RoomSignal> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] words = text.split(" ", -1);
        try {
            if (words.length == 3 && words[0].equals(TYPING)) {
                return Optional.of(new RoomSignal.Typing(RoomId.of(words[1]), UserId.of(words[2])));
            }
            if (words.length == 3 && words[0].equals(LEFT)) {
                return Optional.of(new RoomSignal.MemberLeft(RoomId.of(words[1]), UserId.of(words[2])));
            }
            if (words.length == 5 && words[0].equals(MEMBER)) {
                return Optional.of(new RoomSignal.MemberChanged(RoomId.of(words[1]), UserId.of(words[2]), MemberChange.valueOf(words[3]),
                        words[4].equals(NO_ROLE) ? null : Role.valueOf(words[4])));
            }
            if (words.length == 3 && words[0].equals(ROOM)) {
                return Optional.of(new RoomSignal.RoomChanged(RoomId.of(words[1]), UserId.of(words[2])));
            }
            if (words.length == 3 && words[0].equals(OPENED)) {
                return Optional.of(new RoomSignal.DirectRoomOpened(RoomId.of(words[1]), UserId.of(words[2])));
            }
            if (words.length == 4 && words[0].equals(INVITED)) {
                return Optional.of(new RoomSignal.Invited(RoomId.of(words[1]), UserId.of(words[2]), UserId.of(words[3])));
            }
            if (words.length == 5 && words[0].equals(READ)) {
                return Optional.of(new RoomSignal.MarkerMoved(RoomId.of(words[1]), UserId.of(words[2]), MessageId.of(words[3]),
                        Long.parseLong(words[4])));
            }
            if (words.length >= 3 && words[0].equals(PRESENCE) && (words[2].equals(ONLINE) || words[2].equals(OFFLINE))) {
                boolean versioned = words.length > 3 && words[3].startsWith(VERSION);
                long version = versioned ? Long.parseLong(words[3].substring(VERSION.length())) : 0;
                Set<RoomId> rooms = Arrays.stream(words, versioned ? 4 : 3, words.length).map(RoomId::of).collect(Collectors.toSet());
                return Optional.of(new RoomSignal.PresenceChanged(UserId.of(words[1]), words[2].equals(ONLINE), rooms, version));
            }
        } catch (IllegalArgumentException notAnIdOrVersion) {
            // a malformed id (InvalidValueException), version (NumberFormatException), change or role (valueOf), or a role
            // where none belongs (the signal's own check) makes the line garbage too
        }
        return Optional.empty();
    }
}
