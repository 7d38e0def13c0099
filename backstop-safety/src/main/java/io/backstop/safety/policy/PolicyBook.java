package io.backstop.safety.policy;

import io.backstop.safety.config.Settings;
import io.backstop.safety.verdict.Gate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loaded policy file: validated settings and every policy compiled, grouped by gate. The same
 * default file ({@value #DEFAULT_RESOURCE} on the classpath) serves guardrail and executor; a path
 * overrides it. Safety rationale: loading is all or nothing; a single bad threshold, unknown key,
 * duplicate id or uncompilable expression throws {@link PolicyFileException} naming it.
 */
public record PolicyBook(String origin, Settings settings, Map<Gate, PolicySet> gates) {

  public static final String DEFAULT_RESOURCE = "/io/backstop/safety/policies.yaml";

  public PolicyBook {
    gates = Map.copyOf(gates);
  }

  /**
   * Whether a human may approve a write that this policy escalates: only a policy of the file
   * marked {@code approvable: true} (always an escalate policy). An unknown id is not approvable.
   */
  public boolean approvable(String policyId) {
    return gates.values().stream()
        .flatMap(set -> set.policies().stream())
        .anyMatch(
            p ->
                p instanceof CelPolicy cel
                    && cel.id().equals(policyId)
                    && cel.definition().approvable());
  }

  /** The gate's policies; a gate the file does not mention is an empty set, which denies. */
  public PolicySet gate(Gate gate) {
    PolicySet set = gates.get(gate);
    // the empty set is made only when asked for (getOrDefault made one on every call)
    return set != null ? set : PolicySet.allOf(gate, List.of());
  }

  public static PolicyBook loadDefault() {
    try (InputStream in = PolicyBook.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new PolicyFileException("classpath:" + DEFAULT_RESOURCE, "not found");
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new PolicyFileException("classpath:" + DEFAULT_RESOURCE, "unreadable", e);
    }
  }

  public static PolicyBook load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new PolicyFileException(file.toString(), "unreadable: " + e.getMessage(), e);
    }
  }

  public static PolicyBook parse(String yaml, String origin) {
    PolicyFile file = PolicyFileReader.read(yaml, origin);
    Settings settings;
    try {
      settings = PolicyFileReader.settings(file.settings(), origin);
    } catch (IllegalArgumentException e) {
      throw new PolicyFileException(origin, "settings: " + e.getMessage(), e);
    }
    return new PolicyBook(origin, settings, compile(file.policies(), origin));
  }

  private static Map<Gate, PolicySet> compile(List<PolicyFile.PolicyEntry> entries, String origin) {
    Map<Gate, List<Policy>> byGate = new EnumMap<>(Gate.class);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      PolicyDefinition definition = PolicyFileReader.definition(entries.get(i), i, origin);
      if (!ids.add(definition.id())) {
        throw new PolicyFileException(origin, "policy id '" + definition.id() + "' is used twice");
      }
      byGate
          .computeIfAbsent(definition.gate(), g -> new ArrayList<>())
          .add(CelPolicy.compile(definition, origin));
    }
    Map<Gate, PolicySet> sets = new EnumMap<>(Gate.class);
    byGate.forEach((gate, policies) -> sets.put(gate, PolicySet.allOf(gate, policies)));
    return sets;
  }
}
