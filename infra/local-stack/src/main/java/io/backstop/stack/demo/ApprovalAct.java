package io.backstop.stack.demo;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.id.IncidentId;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import io.backstop.stream.audit.AuditLogReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's second act: a right answer that falls short of autonomy. The stack runs the {@code
 * approval-needed} scenario, and instead of a dead-end escalation the guardrail asks a person to
 * approve the exact write; this renders what was asked (the write, its JSON Patch, why a person,
 * when it lapses, how many approvers), the console link the on-call's page carried, and that
 * nothing was written.
 */
public final class ApprovalAct {

  private ApprovalAct() {}

  /** Runs the stack's scenario (which must end in an approval request) and renders it. */
  public static String run(LocalStack stack, ScenarioRunner.RunOptions options) {
    ScenarioResult result = new ScenarioRunner(stack, options).run();
    if (result.incidentId() == null) {
      return "No incident appeared for the alert: " + result.failures() + "\n";
    }
    IncidentId incident = IncidentId.of(result.incidentId());
    Optional<ApprovalRequested> asked =
        new AuditLogReader(stack.kafkaClient(), Duration.ofSeconds(10))
            .readIncident(incident).timeline(incident).events().stream()
                .filter(ApprovalRequested.class::isInstance)
                .map(ApprovalRequested.class::cast)
                .findFirst();
    if (asked.isEmpty()) {
      return "No approval was requested (outcome "
          + result.outcome()
          + (result.escalationReason() == null ? "" : ", " + result.escalationReason())
          + ").\n";
    }
    return render(asked.get(), result, pageLinks(stack, incident));
  }

  static String render(ApprovalRequested r, ScenarioResult result, List<String> links) {
    StringBuilder out = new StringBuilder();
    var d = r.diagnosis();
    out.append(
        String.format(
            "%s (%s) proposed %s at confidence %s.%n",
            d.answeredBy(), d.tier(), r.plan().summary(), d.confidence()));
    out.append("APPROVAL REQUESTED (").append(r.reason()).append(")\n");
    out.append("  why a person:   ").append(r.summary()).append('\n');
    out.append("  the exact write (JSON Patch the executor sends):\n");
    r.plan()
        .deploymentPatch()
        .forEach(
            op ->
                out.append("    ")
                    .append(String.format("%-8s", op.op()))
                    .append(op.path())
                    .append(" = ")
                    .append(abbreviate(String.valueOf(op.value()), 90))
                    .append('\n'));
    r.plan().atWrite().forEach(w -> out.append("    at the write: ").append(w).append('\n'));
    out.append("  lapses at:      ")
        .append(r.expiresAt())
        .append(" (APPROVAL_EXPIRED if nobody decides; never approved by default)\n");
    out.append("  approvers:      ").append(r.approversRequired()).append(" distinct person(s)\n");
    links.forEach(l -> out.append("  page link:      ").append(l).append('\n'));
    long writes = result.writes().stream().filter(w -> w.principal().contains("executor")).count();
    out.append("  cluster writes: ")
        .append(writes)
        .append(" (nothing is written until a person approves)\n");
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> pageLinks(LocalStack stack, IncidentId incident) {
    return stack.pager().received(incident.value()).stream()
        .flatMap(
            page -> {
              Object links = page.body().get("links");
              return links instanceof List<?> list
                  ? list.stream()
                  : java.util.stream.Stream.empty();
            })
        .filter(Map.class::isInstance)
        .map(l -> String.valueOf(((Map<String, Object>) l).get("href")))
        .distinct()
        .toList();
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
