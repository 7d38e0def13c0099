package io.backstop.escalation.console;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.action.PatchOperation;
import io.backstop.events.action.Preconditions;
import io.backstop.events.action.WritePlan;
import io.backstop.events.codec.EventCodec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The exact write of an approval as a person reads it: one line per JSON Patch operation the
 * executor will send (planned by the one planner), a {@code test} as the state the write requires,
 * a {@code replace} as what goes and what comes, an {@code add} as what comes; the scale
 * subresource's replica change for a SCALE; and the patch body itself, byte for byte as the
 * executor sends it. Nothing is added that the plan does not say.
 */
public record PatchDiff(List<Line> lines, String deploymentPatchJson, String scalePatchJson) {

  /** How a line reads: a required state, a removed value, an added value. */
  public enum Kind {
    REQUIRE,
    REMOVE,
    ADD
  }

  /** One line of the diff: what kind, which JSON Pointer, the value. */
  public record Line(Kind kind, String path, String value) {

    public String marker() {
      return switch (kind) {
        case REQUIRE -> "=";
        case REMOVE -> "-";
        case ADD -> "+";
      };
    }
  }

  public static PatchDiff of(ApprovalRequested request) {
    WritePlan plan = request.plan();
    Preconditions before = request.preconditions();
    List<Line> lines = new ArrayList<>();
    for (PatchOperation op : plan.deploymentPatch()) {
      switch (op.op()) {
        case "test" -> lines.add(new Line(Kind.REQUIRE, op.path(), text(op.value())));
        case "replace" -> {
          if (op.path().equals("/spec/template")) {
            lines.add(
                new Line(
                    Kind.REMOVE,
                    op.path(),
                    "the pod template of revision "
                        + before.currentRevision()
                        + " (image "
                        + before.currentImage()
                        + ")"));
          } else {
            lines.add(new Line(Kind.REMOVE, op.path(), "(the current value)"));
          }
          lines.add(new Line(Kind.ADD, op.path(), text(op.value())));
        }
        default -> lines.add(new Line(Kind.ADD, op.path(), text(op.value())));
      }
    }
    String scale = null;
    if (plan.replicas() != null) {
      lines.add(new Line(Kind.REMOVE, "scale:/spec/replicas", Integer.toString(before.replicas())));
      lines.add(new Line(Kind.ADD, "scale:/spec/replicas", plan.replicas().toString()));
      scale = plan.scalePatchJson();
    }
    return new PatchDiff(List.copyOf(lines), pretty(plan.deploymentPatchJson()), scale);
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    return value.isString() ? value.asString() : EventCodec.mapper().writeValueAsString(value);
  }

  private static String pretty(String json) {
    JsonNode tree = EventCodec.mapper().readTree(json);
    return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
  }
}
