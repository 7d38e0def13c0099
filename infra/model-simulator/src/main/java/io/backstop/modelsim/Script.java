package io.backstop.modelsim;

import io.backstop.scenario.ModelBehaviour;
import io.backstop.scenario.ModelBehaviour.Behaviour;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScriptedDiagnosis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario the simulator is playing, swappable at runtime, with per-model behaviour overrides
 * and call counts (for {@code honestAfter}). Thread-safe.
 */
public final class Script {

  private Scenario scenario;
  private final Map<String, ModelBehaviour> overrides = new HashMap<>();
  private final Map<String, Integer> callCounts = new HashMap<>();

  public Script(Scenario scenario) {
    this.scenario = scenario;
  }

  /** Plays {@code next} from now on: overrides and call counts start afresh. */
  public synchronized void use(Scenario next) {
    scenario = next;
    overrides.clear();
    callCounts.clear();
  }

  /** Replaces one model's behaviour until the next {@link #use}. */
  public synchronized void override(String model, ModelBehaviour behaviour) {
    if (behaviour.behaviour() == Behaviour.HALLUCINATE
        && scenario.diagnoses().hallucinated() == null) {
      throw new IllegalArgumentException(
          "scenario " + scenario.name() + " scripts no hallucinated diagnosis for " + model);
    }
    overrides.put(model, behaviour);
    callCounts.remove(model);
  }

  public synchronized Scenario scenario() {
    return scenario;
  }

  /** Model names known to the current scenario (and overrides), in scenario order. */
  public synchronized List<String> models() {
    var names = new java.util.LinkedHashSet<>(scenario.models().keySet());
    names.addAll(overrides.keySet());
    return List.copyOf(names);
  }

  /** The behaviour {@code model} currently has (an override, else the scenario's). */
  public synchronized Optional<ModelBehaviour> behaviourOf(String model) {
    return Optional.ofNullable(overrides.get(model)).or(() -> scenario.behaviourOf(model));
  }

  /** Counts a call to {@code model} and says how to answer it; empty for an unknown model. */
  public synchronized Optional<Turn> next(String model) {
    var behaviour = behaviourOf(model);
    if (behaviour.isEmpty()) {
      return Optional.empty();
    }
    int call = callCounts.merge(model, 1, Integer::sum);
    Behaviour applied = behaviour.get().behaviourForCall(call);
    var diagnoses = scenario.diagnoses();
    ScriptedDiagnosis diagnosis =
        applied == Behaviour.HALLUCINATE && diagnoses.hallucinated() != null
            ? diagnoses.hallucinated()
            : diagnoses.correct();
    return Optional.of(new Turn(behaviour.get(), applied, call, diagnosis));
  }

  /** How one call is answered: the behaviour applied and the diagnosis to send if any. */
  public record Turn(
      ModelBehaviour script, Behaviour applied, int callNumber, ScriptedDiagnosis diagnosis) {}
}
