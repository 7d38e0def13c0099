package io.backstop.bench;

import io.backstop.events.ActionApproved;
import io.backstop.events.AlertReceived;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.scenario.ClusterSpec;
import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.Deployment;
import io.backstop.scenario.Diagnoses;
import io.backstop.scenario.HealthProfile;
import io.backstop.scenario.Namespace;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.scenario.ScriptedDiagnosis;
import io.backstop.stack.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Drives one namespace past its write breaker through the running stack: the fleet of {@code
 * bench/fleet.yaml} (Deployments whose newest release crash-loops, each with a healthy revision
 * before it), one incident per Deployment, one after another, the model simulator answering each
 * with its honest rollback. The first {@code maxWrites} are approvable and approved; the next trips
 * the namespace's breaker ({@code Escalated(BREAKER_OPEN)}); every one after is escalated with the
 * breaker open. Nothing is simulated on the guardrail's side: the decisions are the running
 * guardrails' own, read back from the audit.
 */
final class FleetBreaker {

  static final String RESOURCE = "/bench/fleet.yaml";

  /** What the guardrails decided, incident by incident, in the order the alerts were sent. */
  record Result(String namespace, List<Decision> decisions) {

    long approvals() {
      return decisions.stream().filter(d -> d.event() instanceof ActionApproved).count();
    }

    /** Escalations that say the breaker is open (the first of them is the trip). */
    long breakerEscalations() {
      return decisions.stream().filter(Decision::breakerOpen).count();
    }

    /**
     * Approvals decided after the first breaker escalation: each one a write the breaker let by.
     */
    long approvalsAfterTrip() {
      int trip = -1;
      for (int i = 0; i < decisions.size(); i++) {
        if (decisions.get(i).breakerOpen()) {
          trip = i;
          break;
        }
      }
      return trip < 0
          ? 0
          : decisions.subList(trip, decisions.size()).stream()
              .filter(d -> d.event() instanceof ActionApproved)
              .count();
    }

    /** "ledger approved, invoices approved, ..., reviews BREAKER_OPEN": what each alert got. */
    String summary() {
      return String.join(", ", decisions.stream().map(Decision::describe).toList());
    }
  }

  record Decision(String deployment, IncidentEvent event) {

    boolean breakerOpen() {
      return event instanceof Escalated e && e.reason() == EscalationReason.BREAKER_OPEN;
    }

    String describe() {
      if (event instanceof ActionApproved) {
        return deployment + " approved";
      }
      if (event instanceof Escalated e) {
        // the policies that stopped it, so a run that approves nothing says why
        List<String> stoppedBy =
            e.verdicts().stream()
                .filter(v -> v.outcome() != io.backstop.events.action.VerdictOutcome.ALLOW)
                .map(v -> v.policyId())
                .toList();
        return deployment + " " + e.reason() + (stoppedBy.isEmpty() ? "" : " " + stoppedBy);
      }
      return deployment + " " + event.eventType();
    }
  }

  private final LocalStack stack;
  private final Scenario playing;
  private final Scenario fleet;

  /**
   * @param playing the scenario the stack runs (the bench's cluster with the fleet in it), which
   *     the model simulator is given back when the drive ends
   */
  FleetBreaker(LocalStack stack, Scenario playing, Scenario fleet) {
    this.stack = stack;
    this.playing = playing;
    this.fleet = fleet;
  }

  /** The fleet scenario shipped with the bench. */
  static Scenario fleet() {
    try (InputStream in = FleetBreaker.class.getResourceAsStream(RESOURCE)) {
      return ScenarioLoader.parse(
          "fleet.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the bench's fleet scenario is missing: " + e, e);
    }
  }

  /** {@code base} with the fleet's namespace and images added to its cluster. */
  static Scenario withFleet(Scenario base, Scenario fleet) {
    List<Namespace> namespaces =
        Stream.concat(base.cluster().namespaces().stream(), fleet.cluster().namespaces().stream())
            .toList();
    Map<String, HealthProfile> images = new LinkedHashMap<>(base.images());
    images.putAll(fleet.images());
    return new Scenario(
        base.name(),
        base.description(),
        base.expected(),
        new ClusterSpec(namespaces, base.cluster().nodes()),
        images,
        base.fault(),
        base.alert(),
        base.models(),
        base.diagnoses());
  }

  /** Alerts on each Deployment of the fleet in turn and waits for the guardrail's decision. */
  Result drive(AuditWatch audit, long timeoutMillis) {
    Namespace namespace = fleet.cluster().namespaces().get(0);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Decision> decisions = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(BenchAlerts.producer(stack.bootstrapServers()))) {
      for (Deployment deployment : namespace.deployments()) {
        stack.simulator().use(answering(namespace.name(), deployment));
        Map<String, String> labels = BenchAlerts.labels(namespace.name(), deployment.name());
        String fingerprint = "fleet-" + run + "-" + deployment.name();
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AlertReceived firing = BenchAlerts.alert(labels, fingerprint, startsAt, AlertStatus.FIRING);
        producer.send(BenchAlerts.record(Topics.ALERTS, firing));
        producer.flush();
        String incident = audit.incidentOf(fingerprint, timeoutMillis);
        audit.await(incident, "decision", timeoutMillis);
        IncidentEvent decision =
            audit
                .events(
                    e ->
                        e.incidentId().value().equals(incident)
                            && AuditWatch.DECISIONS.contains(e.eventType()))
                .get(0);
        decisions.add(new Decision(deployment.name(), decision));
        producer.send(
            BenchAlerts.record(
                Topics.ALERTS,
                BenchAlerts.alert(labels, fingerprint, startsAt, AlertStatus.RESOLVED)));
        producer.flush();
      }
    } finally {
      stack.simulator().use(playing);
    }
    return new Result(namespace.name(), decisions);
  }

  /** The stack's scenario, its models answering with the honest rollback of {@code deployment}. */
  private Scenario answering(String namespace, Deployment deployment) {
    List<DeployedRevision> revisions = deployment.revisions();
    DeployedRevision bad = revisions.get(revisions.size() - 1);
    DeployedRevision good = revisions.get(revisions.size() - 2);
    ScriptedDiagnosis diagnosis =
        new ScriptedDiagnosis(
            deployment.name()
                + " revision "
                + bad.revision()
                + " crash-loops at start since it rolled out; revision "
                + good.revision()
                + " ran healthy for days before it.",
            deployment.name(),
            namespace,
            bad.gitSha(),
            0.9,
            fleet.diagnoses().correct().citedEvidence(),
            new RecommendedAction(
                "ROLLBACK",
                deployment.name(),
                namespace,
                "deployment",
                good.revision(),
                good.gitSha(),
                null,
                null,
                null));
    return new Scenario(
        playing.name(),
        playing.description(),
        playing.expected(),
        playing.cluster(),
        playing.images(),
        playing.fault(),
        playing.alert(),
        playing.models(),
        new Diagnoses(diagnosis, null));
  }
}
