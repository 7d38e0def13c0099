package io.backstop.events.action;

import io.backstop.events.Require;
import io.backstop.events.codec.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * One RFC 6902 JSON Patch operation of a planned write. Only {@code test}, {@code add} and {@code
 * replace} exist: Backstop never removes anything from a Deployment.
 */
public record PatchOperation(String op, String path, JsonNode value) {

  public PatchOperation {
    Require.text(op, "patch.op");
    Require.text(path, "patch.path");
    if (!op.equals("test") && !op.equals("add") && !op.equals("replace")) {
      throw new Require.InvalidFieldException(
          "patch.op", "must be test, add or replace, but was " + op);
    }
  }

  public static PatchOperation test(String path, Object value) {
    return new PatchOperation("test", path, tree(value));
  }

  public static PatchOperation add(String path, Object value) {
    return new PatchOperation("add", path, tree(value));
  }

  public static PatchOperation replace(String path, Object value) {
    return new PatchOperation("replace", path, tree(value));
  }

  private static JsonNode tree(Object value) {
    return value instanceof JsonNode node
        ? node.deepCopy()
        : EventCodec.mapper().valueToTree(value);
  }
}
