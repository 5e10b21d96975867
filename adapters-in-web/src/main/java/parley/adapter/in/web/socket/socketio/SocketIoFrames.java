package parley.adapter.in.web.socket.socketio;

import com.fasterxml.jackson.annotation.JsonInclude;
import parley.adapter.in.web.Failure;
import parley.adapter.in.web.socket.Outcome;
import parley.adapter.in.web.socket.ServerFrames;
import parley.application.ErrorCode;

/**
 * Parley's frames as Socket.IO events, in the shapes of the NestJS gateway Parley replaces. Every
 * pushed frame is an event named after its type with the frame's other members as the argument
 * ({@code 42["presence",{"userId":…,"online":true}]}), with two exceptions the original's clients
 * rely on: {@code newMessage} carries the message itself, flat, and an error no ack answers is
 * Nest's {@code exception} event {@code {status:"error", code, message}}. Command outcomes become
 * the argument of the event's ack ({@link #ack}).
 */
final class SocketIoFrames extends ServerFrames {

    static final String EXCEPTION = "exception";

    private final SocketIoPackets packets;

    SocketIoFrames(SocketIoPackets packets) {
        this.packets = packets;
    }

    @Override
    protected byte[] push(String type, Object members) {
        return switch (members) {
            case NewMessage newMessage -> packets.event(type, newMessage.message());
            case RoomError roomError -> packets.event(EXCEPTION, new ExceptionEvent(roomError.error().code(), roomError.error().message(), roomError.roomId()));
            default -> packets.event(type, members);
        };
    }

    /** {@code exception {status:"error", code, message}}: a failure that answers no ack. */
    byte[] exception(ErrorCode code, String message) {
        return packets.event(EXCEPTION, new ExceptionEvent(code.name(), message, null));
    }

    /**
     * The ack of an event as the original shaped it: {@code {success, error?, code?}} for commands
     * answered by a reply on {@code /ws}, {@code {clientMsgId, status, messageId?, error?, code?}}
     * for sends. Null when there is nothing to send: no ack was asked for and nothing failed.
     */
    byte[] answer(String ackId, Outcome outcome) {
        if (ackId == null) {
            return switch (outcome) {
                case Outcome.Refused refused -> exception(refused.failure());
                case Outcome.NotAccepted notAccepted -> exception(notAccepted.failure());
                case Outcome.Failed failed -> exception(failed.failure());
                case Outcome.Done done -> null;
                case Outcome.Accepted accepted -> null;
                case Outcome.Silent silent -> null;
            };
        }
        return packets.ack(ackId, switch (outcome) {
            case Outcome.Done done -> Result.OK;
            case Outcome.Silent silent -> Result.OK;
            case Outcome.Refused refused -> Result.of(refused.failure());
            case Outcome.Failed failed -> Result.of(failed.failure());
            case Outcome.Accepted accepted -> new SendResult(accepted.clientMsgId(), "ACCEPTED", accepted.messageId().value(), null, null);
            case Outcome.NotAccepted notAccepted -> new SendResult(notAccepted.clientMsgId() == null ? "" : notAccepted.clientMsgId(),
                    notAccepted.failure().code() == ErrorCode.OUTCOME_UNKNOWN ? "UNKNOWN" : "FAILED", null,
                    notAccepted.failure().message(), notAccepted.failure().code().name());
        });
    }

    private byte[] exception(Failure failure) {
        return exception(failure.code(), failure.message());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExceptionEvent(String status, String code, String message, String roomId) {
        ExceptionEvent(String code, String message, String roomId) {
            this("error", code, message, roomId);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(boolean success, String error, String code) {
        static final Result OK = new Result(true, null, null);

        static Result of(Failure failure) {
            return new Result(false, failure.message(), failure.code().name());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendResult(String clientMsgId, String status, String messageId, String error, String code) {
    }
}
