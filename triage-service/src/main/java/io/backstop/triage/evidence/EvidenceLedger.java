package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.redaction.InjectionDetector;
import io.backstop.redaction.Redaction;
import io.backstop.redaction.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Numbers evidence {@code E1, E2, ...} in the order it is added, and is the one way text enters a
 * SignalsGathered: every text is redacted, checked for instructions aimed at the agent (flagged,
 * never removed), cut to the per-item limit, and counted against the byte budget. An item over
 * budget is left out, and what was left out is reported, never hidden.
 */
public final class EvidenceLedger {

  /** Rough JSON overhead of one item beyond its text: id, kind, source, workload, times, flags. */
  static final int ITEM_OVERHEAD = 320;

  private final Redactor redactor;
  private final int maxTextChars;
  private final List<Evidence> items = new ArrayList<>();
  private final Map<EvidenceKind, Integer> dropped = new EnumMap<>(EvidenceKind.class);
  private long budget;
  private int redactions;

  public EvidenceLedger(Redactor redactor, int maxTextChars, long budgetBytes) {
    this.redactor = redactor;
    this.maxTextChars = maxTextChars;
    this.budget = budgetBytes;
  }

  /** Adds an item and returns its id; empty when the budget is spent and it was left out. */
  public Optional<EvidenceId> add(
      EvidenceKind kind,
      String source,
      WorkloadRef workload,
      String subject,
      Instant observedAt,
      String text,
      boolean untrusted) {
    return add(kind, source, workload, null, subject, observedAt, text, untrusted);
  }

  /** Adds an item about a node (or a workload on a node); empty when it was left out. */
  public Optional<EvidenceId> add(
      EvidenceKind kind,
      String source,
      WorkloadRef workload,
      String node,
      String subject,
      Instant observedAt,
      String text,
      boolean untrusted) {
    Redaction redaction = redactor.redact(text);
    String bounded = bound(redaction.text());
    long size = ITEM_OVERHEAD + bounded.length() + (subject == null ? 0 : subject.length());
    if (size > budget) {
      dropped.merge(kind, 1, Integer::sum);
      return Optional.empty();
    }
    budget -= size;
    redactions += redaction.count();
    EvidenceId id = EvidenceId.number(items.size() + 1);
    boolean injection = InjectionDetector.suspicious(bounded);
    items.add(
        new Evidence(
            id, kind, source, workload, node, subject, observedAt, bounded, untrusted, injection));
    return Optional.of(id);
  }

  private String bound(String text) {
    if (text.length() <= maxTextChars) {
      return text;
    }
    int cut = text.length() - maxTextChars;
    return text.substring(0, maxTextChars) + " [truncated " + cut + " chars]";
  }

  /** Redacts a text that is not an evidence item (an annotation copied elsewhere), counting it. */
  public String redact(String text) {
    Redaction redaction = redactor.redact(text);
    redactions += redaction.count();
    return redaction.text();
  }

  public List<Evidence> items() {
    return List.copyOf(items);
  }

  /** The bytes still left in the budget. */
  public long remaining() {
    return budget;
  }

  public Evidence item(EvidenceId id) {
    return items.get(Integer.parseInt(id.value().substring(1)) - 1);
  }

  public int redactionCount() {
    return redactions;
  }

  /** What was cut or left out, as lines for {@code missingSources}; empty when nothing was. */
  public List<String> omissions() {
    List<String> notes = new ArrayList<>();
    if (!dropped.isEmpty()) {
      notes.add("evidence over the size budget, left out: " + dropped);
    }
    return notes;
  }
}
