package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies the patch types the sandbox supports. JSON merge patch follows RFC 7386 (arrays are
 * REPLACED, {@code null} deletes), unlike the plain mock, which appends. JSON Patch follows RFC
 * 6902. Strategic merge patch is accepted only when it holds no arrays and no {@code $} directives,
 * where it means exactly what a merge patch means (that is what {@code kubectl rollout restart}
 * sends); anything else is refused with 415 and the reason, never mis-applied.
 */
public final class Patches {

  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  public static final String APPLY_PATCH = "application/apply-patch+yaml";

  private final ObjectMapper mapper;

  public Patches(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The patched document; {@code current} is not changed. */
  public JsonNode apply(String contentType, JsonNode current, String patchBody) {
    String type = mediaType(contentType);
    JsonNode patch = parse(patchBody);
    return switch (type) {
      case JSON_PATCH -> jsonPatch(current, patch);
      case MERGE_PATCH -> mergePatch(current, patch);
      case STRATEGIC_MERGE_PATCH -> strategicMergePatch(current, patch);
      case APPLY_PATCH ->
          throw unsupported("server-side apply (" + APPLY_PATCH + "); use a JSON Patch instead");
      default ->
          throw unsupported(
              "patch content type '" + contentType + "'; use " + JSON_PATCH + " or " + MERGE_PATCH);
    };
  }

  private JsonNode jsonPatch(JsonNode current, JsonNode patch) {
    if (!patch.isArray()) {
      throw ApiException.badRequest("a JSON Patch must be an array of operations");
    }
    try {
      return JsonPatch.apply(patch, current.deepCopy());
    } catch (JsonPatchException | IllegalArgumentException e) {
      throw ApiException.invalid("the JSON Patch cannot be applied: " + e.getMessage());
    }
  }

  /** RFC 7386: objects merge recursively, {@code null} removes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  private JsonNode strategicMergePatch(JsonNode current, JsonNode patch) {
    String problem = strategicOnlyFeature(patch, "");
    if (problem != null) {
      throw unsupported(
          "this strategic merge patch ("
              + problem
              + "): the sandbox has no strategic merge semantics for lists or directives; send a"
              + " JSON Patch ("
              + JSON_PATCH
              + ") instead");
    }
    return mergePatch(current, patch);
  }

  /** Where a strategic merge patch would differ from a merge patch, or null when it would not. */
  private static String strategicOnlyFeature(JsonNode node, String path) {
    if (node.isArray()) {
      return "it holds a list at " + (path.isEmpty() ? "/" : path);
    }
    if (!node.isObject()) {
      return null;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.getKey().startsWith("$")) {
        return "it holds the directive " + field.getKey() + " at " + path;
      }
      String inner = strategicOnlyFeature(field.getValue(), path + "/" + field.getKey());
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  private JsonNode parse(String body) {
    try {
      return mapper.readTree(body == null || body.isBlank() ? "null" : body);
    } catch (Exception e) {
      throw ApiException.badRequest("the patch body is not JSON: " + e.getMessage());
    }
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
  }

  private static ApiException unsupported(String what) {
    return new ApiException(
        415, "UnsupportedMediaType", "the sandbox cluster does not support " + what);
  }
}
