package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import parley.domain.message.MessageId;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /rooms/{roomId}/read}. */
@Schema(name = "MarkReadRequest")
record MarkReadRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "01J9Z8Q6W4T5N3B2V1C0X9Y8Z7",
                description = "A message of the room; the marker only moves forward") String lastReadMessageId) {

    private static final Set<String> FIELDS = Set.of("lastReadMessageId");

    /** The message id, or null with the failure recorded in {@code errors}. */
    static MessageId messageId(JsonNode json, FieldErrors errors) {
        JsonRequest body = JsonRequest.of(json, errors, FIELDS);
        MarkReadRequest request = new MarkReadRequest(body.text("lastReadMessageId"));
        return errors.check("lastReadMessageId", () -> MessageId.of(request.lastReadMessageId()));
    }
}
