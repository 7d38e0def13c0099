package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What one judgement is about: the diagnosis, the signals it is judged against, the write under
 * judgement and how many writes the incident already had. Safety rationale: names the model wrote
 * are resolved against the gathered inventory only through {@link Names#canonical}, so nothing
 * downstream ever acts on a name the model invented. Resolved once, when constructed.
 */
public final class Subject {

  private final DiagnosisProposed diagnosis;
  private final SignalsGathered signals;
  private final ProposedWrite write;
  private final Optional<String> completion;
  private final ModelText modelText;
  private final Optional<Revision> badDeploy;
  private final int writesApproved;
  private final long recentWritesToTarget;
  private final String settlingWriteToTarget;
  private final Optional<Workload> suspect;
  private final Optional<Workload> target;

  /** The target's rollout history, looked up once: most facts read it. */
  private final Optional<RolloutHistory> targetHistory;

  /** The target's symptom kinds, computed when first asked ({@link SymptomFacts#kinds}). */
  private List<SymptomKind> targetKinds;

  public Subject(
      DiagnosisProposed diagnosis,
      SignalsGathered signals,
      ProposedWrite write,
      int writesApproved) {
    this(diagnosis, signals, write, writesApproved, ref -> 0L);
  }

  /**
   * A subject that also knows how many automated writes each Deployment had recently, in any
   * incident ({@code recentWritesTo}, from the namespace breaker's loop record).
   */
  public Subject(
      DiagnosisProposed diagnosis,
      SignalsGathered signals,
      ProposedWrite write,
      int writesApproved,
      ToLongFunction<WorkloadRef> recentWritesTo) {
    this(diagnosis, signals, write, writesApproved, recentWritesTo, ref -> Optional.empty());
  }

  /**
   * A subject that also knows, from the namespace breaker's loop record, how many automated writes
   * each Deployment had recently in any incident, and the latest automated write to it by another
   * incident that has not settled yet ({@code settlingWriteTo}: its description, see {@code
   * NamespaceBreaker.DeploymentWrite#describe}).
   */
  public Subject(
      DiagnosisProposed diagnosis,
      SignalsGathered signals,
      ProposedWrite write,
      int writesApproved,
      ToLongFunction<WorkloadRef> recentWritesTo,
      Function<WorkloadRef, Optional<String>> settlingWriteTo) {
    this.diagnosis = Objects.requireNonNull(diagnosis, "diagnosis");
    this.signals = Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(write, "write");
    this.writesApproved = writesApproved;
    this.suspect = single(diagnosis.suspectedNamespace(), diagnosis.suspectedResource());
    this.target = single(write.namespace(), write.target());
    this.targetHistory = lookup(target);
    RevisionNaming.Completion completed = RevisionNaming.complete(write, targetHistory);
    this.write = completed.write();
    BadDeploy.Found bad = BadDeploy.of(diagnosis, this.write, targetHistory);
    this.badDeploy = bad.revision();
    this.completion = joined(completed.note(), bad.note());
    this.modelText = ModelText.of(diagnosis);
    this.recentWritesToTarget = target.map(t -> recentWritesTo.applyAsLong(t.ref())).orElse(0L);
    this.settlingWriteToTarget = target.flatMap(t -> settlingWriteTo.apply(t.ref())).orElse("");
  }

  /**
   * The latest automated write to the target Deployment by another incident that has not settled
   * (its outcome not seen yet, or written within {@code breaker.cooldown}), described; "" when
   * none.
   */
  public String settlingWriteToTarget() {
    return settlingWriteToTarget;
  }

  /** Automated writes to the target Deployment in the loop window, in any incident. */
  public long recentWritesToTarget() {
    return recentWritesToTarget;
  }

  /**
   * The revision the diagnosis names as the bad deploy in the target's history, or, for a rollback
   * that names none, the first revision after its target (see {@link BadDeploy}).
   */
  public Optional<Revision> badDeploy() {
    return badDeploy;
  }

  /** The fields the model wrote, scanned once for secrets. */
  public ModelText modelText() {
    return modelText;
  }

  public DiagnosisProposed diagnosis() {
    return diagnosis;
  }

  public SignalsGathered signals() {
    return signals;
  }

  /** The write under judgement, completed from the rollout history where that was unambiguous. */
  public ProposedWrite write() {
    return write;
  }

  /** What {@link RevisionNaming} completed in the write as proposed, when it completed anything. */
  public Optional<String> completion() {
    return completion;
  }

  public int writesApproved() {
    return writesApproved;
  }

  /** The workload the diagnosis suspects, when it exists in the inventory. */
  public Optional<Workload> suspect() {
    return suspect;
  }

  /** The workload the write targets, when it exists; a name shared by two kinds is the riskier. */
  public Optional<Workload> target() {
    return target;
  }

  /** The target's distinct symptom kinds, in declaration order, computed once. */
  List<SymptomKind> targetKinds() {
    if (targetKinds == null) {
      targetKinds = SymptomFacts.computed(this, target);
    }
    return targetKinds;
  }

  /** The rollout history of a workload, when triage gathered one. */
  public Optional<RolloutHistory> history(Optional<Workload> workload) {
    return workload == target ? targetHistory : lookup(workload);
  }

  private Optional<RolloutHistory> lookup(Optional<Workload> workload) {
    return workload.isEmpty() ? Optional.empty() : signals.rollout(workload.get().ref());
  }

  public boolean concerns(WorkloadRef ref, Optional<Workload> workload) {
    return ref != null
        && workload.isPresent()
        && ref.namespace().equals(workload.get().ref().namespace())
        && ref.name().equals(workload.get().ref().name());
  }

  /** Both notes joined by "; ", or the one there is. */
  private static Optional<String> joined(Optional<String> first, Optional<String> second) {
    if (first.isEmpty()) {
      return second;
    }
    return second.isEmpty() ? first : Optional.of(first.get() + "; " + second.get());
  }

  /**
   * The inventory workload named {@code namespace/name}, read strictly; of several (a name shared
   * by two kinds), the riskier: the first that is protected or not a Deployment, else the first.
   */
  private Optional<Workload> single(String rawNamespace, String rawName) {
    Optional<String> namespace = Names.canonical(rawNamespace);
    Optional<String> name = Names.canonical(rawName);
    if (namespace.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    Workload first = null;
    for (Workload w : signals.inventory()) {
      if (w.ref().namespace().equals(namespace.get()) && w.ref().name().equals(name.get())) {
        if (w.labelledProtected() || w.ref().kind() != WorkloadKind.DEPLOYMENT) {
          return Optional.of(w);
        }
        first = first == null ? w : first;
      }
    }
    return Optional.ofNullable(first);
  }
}
