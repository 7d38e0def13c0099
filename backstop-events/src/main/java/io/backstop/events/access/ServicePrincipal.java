package io.backstop.events.access;

import static io.backstop.events.Topics.ACTIONS;
import static io.backstop.events.Topics.ALERTS;
import static io.backstop.events.Topics.APPROVALS;
import static io.backstop.events.Topics.AUDIT;
import static io.backstop.events.Topics.CONTROL;
import static io.backstop.events.Topics.DECISIONS;
import static io.backstop.events.Topics.DELIVERIES;
import static io.backstop.events.Topics.DIAGNOSES;
import static io.backstop.events.Topics.DIAGNOSIS_REJECTIONS;
import static io.backstop.events.Topics.ESCALATIONS;
import static io.backstop.events.Topics.EXECUTOR_LEDGER;
import static io.backstop.events.Topics.OUTCOMES;
import static io.backstop.events.Topics.SIGNALS;
import static io.backstop.events.Topics.TRIAGE_INCIDENTS;

import io.backstop.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each service's identity on the broker (its SASL user and Kafka principal {@code User:<name>}),
 * what it consumes and what it writes. The broker's ACLs are made from this table and nothing else:
 * a service may read only its inputs (and the topics it rebuilds state from), write only the topics
 * it owns plus the audit log and the dead-letter twins of its inputs, use only its own consumer
 * group and transactional ids (those starting with {@code <name>}). Only the guardrail may write
 * {@link Topics#ACTIONS}; only the executor the outcomes and its ledger. A person's decision on an
 * approval reaches the guardrail only through escalation-service (console, CLI, API), which
 * authenticated the person.
 */
public enum ServicePrincipal {
  TRIAGE(
      "triage-service",
      List.of(ALERTS),
      List.of(TRIAGE_INCIDENTS),
      List.of(ALERTS, SIGNALS, TRIAGE_INCIDENTS)),
  DIAGNOSIS(
      "diagnosis-service",
      List.of(SIGNALS, DIAGNOSIS_REJECTIONS),
      List.of(AUDIT),
      List.of(DIAGNOSES)),
  GUARDRAIL(
      "guardrail-service",
      List.of(DIAGNOSES, OUTCOMES, DECISIONS),
      List.of(AUDIT),
      List.of(ACTIONS, DIAGNOSIS_REJECTIONS, ESCALATIONS, CONTROL, APPROVALS)),
  EXECUTOR(
      "executor-service",
      List.of(ACTIONS, CONTROL),
      List.of(OUTCOMES, ESCALATIONS, EXECUTOR_LEDGER),
      List.of(OUTCOMES, ESCALATIONS, EXECUTOR_LEDGER)),
  ESCALATION(
      "escalation-service",
      List.of(ESCALATIONS, OUTCOMES, APPROVALS),
      List.of(AUDIT),
      List.of(DELIVERIES, DECISIONS));

  private final String user;
  private final List<String> inputs;
  private final List<String> stateReads;
  private final List<String> owned;

  ServicePrincipal(String user, List<String> inputs, List<String> stateReads, List<String> owned) {
    this.user = user;
    this.inputs = inputs;
    this.stateReads = stateReads;
    this.owned = owned;
  }

  /** The SASL user name, the consumer group and the transactional-id prefix. */
  public String user() {
    return user;
  }

  /** The topics its function beans consume. */
  public List<String> inputs() {
    return inputs;
  }

  /** Every topic it may read: its inputs and what it rebuilds state from (never more). */
  public Set<String> reads() {
    Set<String> reads = new TreeSet<>(inputs);
    reads.addAll(stateReads);
    if (this == ESCALATION) {
      reads.addAll(followedDeadLetters());
    }
    return reads;
  }

  /**
   * The dead-letter twin of every service's input: escalation-service follows them all (read only),
   * so a record a hop dead-letters pages a person instead of silently ending the incident.
   */
  public static Set<String> followedDeadLetters() {
    Set<String> topics = new TreeSet<>();
    for (ServicePrincipal p : values()) {
      p.inputs.forEach(t -> topics.add(Topics.deadLetter(t)));
    }
    return topics;
  }

  /**
   * Every topic it may write: the stage topics it owns, the audit log (every emit goes to both) and
   * the dead-letter twin of each input.
   */
  public Set<String> writes() {
    Set<String> writes = new TreeSet<>(owned);
    writes.add(AUDIT);
    inputs.forEach(t -> writes.add(Topics.deadLetter(t)));
    return writes;
  }

  public static ServicePrincipal of(String user) {
    for (ServicePrincipal p : values()) {
      if (p.user.equals(user)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no service principal named " + user);
  }

  /**
   * The table as Markdown, for the docs and the Helm chart's notes: principal, consumer group,
   * reads, writes.
   */
  public static String markdown() {
    List<String> rows = new ArrayList<>();
    rows.add("| principal | consumer group, transactional ids | reads | writes |");
    rows.add("|---|---|---|---|");
    for (ServicePrincipal p : values()) {
      rows.add(
          "| `User:"
              + p.user
              + "` | `"
              + p.user
              + "`, `"
              + p.user
              + "*` | "
              + code(p.reads())
              + " | "
              + code(p.writes())
              + " |");
    }
    return String.join("\n", rows) + "\n";
  }

  private static String code(Set<String> topics) {
    return String.join(", ", topics.stream().map(t -> "`" + t + "`").toList());
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT) + "(" + user + ")";
  }
}
