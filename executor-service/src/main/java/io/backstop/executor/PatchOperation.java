package io.backstop.executor;

import java.util.Objects;

/**
 * One RFC 6902 JSON Patch operation. Only {@code test}, {@code add} and {@code replace} exist here:
 * the executor never removes anything from a Deployment.
 */
public record PatchOperation(String op, String path, Object value) {

  public PatchOperation {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(path, "path");
    if (!op.equals("test") && !op.equals("add") && !op.equals("replace")) {
      throw new IllegalArgumentException("op must be test, add or replace, but was " + op);
    }
  }

  public static PatchOperation test(String path, Object value) {
    return new PatchOperation("test", path, value);
  }

  public static PatchOperation add(String path, Object value) {
    return new PatchOperation("add", path, value);
  }

  public static PatchOperation replace(String path, Object value) {
    return new PatchOperation("replace", path, value);
  }
}
