package io.backstop.naive;

/** One tool the naive agent ran against its cluster, and what came of it. */
public record ToolCall(
    String tool, String kind, String namespace, String name, String detail, boolean succeeded) {

  public String describe() {
    return tool
        + " "
        + kind
        + "/"
        + namespace
        + "/"
        + name
        + (detail.isEmpty() ? "" : " (" + detail + ")")
        + (succeeded ? "" : " FAILED");
  }
}
