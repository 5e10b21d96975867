package parley.adapter.out.redis;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import parley.application.model.RoomSignal;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * Room signals on the wire, one line of space-separated words:
 * <pre>
 * typing &lt;roomId&gt; &lt;userId&gt;
 * presence &lt;userId&gt; online|offline [@&lt;version&gt;] [&lt;roomId&gt; ...]
 * left &lt;roomId&gt; &lt;userId&gt;
 * </pre>
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
            if (words.length >= 3 && words[0].equals(PRESENCE) && (words[2].equals(ONLINE) || words[2].equals(OFFLINE))) {
                boolean versioned = words.length > 3 && words[3].startsWith(VERSION);
                long version = versioned ? Long.parseLong(words[3].substring(VERSION.length())) : 0;
                Set<RoomId> rooms = Arrays.stream(words, versioned ? 4 : 3, words.length).map(RoomId::of).collect(Collectors.toSet());
                return Optional.of(new RoomSignal.PresenceChanged(UserId.of(words[1]), words[2].equals(ONLINE), rooms, version));
            }
        } catch (IllegalArgumentException notAnIdOrVersion) {
            // a malformed id (InvalidValueException) or version (NumberFormatException) makes the line garbage too
        }
        return Optional.empty();
    }
}
