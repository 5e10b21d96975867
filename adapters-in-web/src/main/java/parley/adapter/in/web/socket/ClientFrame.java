package parley.adapter.in.web.socket;

import parley.application.ErrorCode;
import tools.jackson.databind.JsonNode;

/** A parsed client frame: its type, optional correlation id, and the whole JSON object. */
public record ClientFrame(String type, String id, JsonNode body) {

    String requiredString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new FrameException(ErrorCode.VALIDATION_FAILED, field + " is required", id);
        }
        if (!node.isString()) {
            throw new FrameException(ErrorCode.VALIDATION_FAILED, field + " must be a string", id);
        }
        return node.stringValue();
    }

    String optionalString(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : requiredString(field);
    }

    Long optionalLong(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new FrameException(ErrorCode.VALIDATION_FAILED, field + " must be an integer", id);
        }
        return node.longValue();
    }
}
