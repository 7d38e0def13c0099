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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
    return gates.getOrDefault(gate, PolicySet.allOf(gate, List.of()));
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
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (RuntimeException e) {
      throw new PolicyFileException(origin, "not valid YAML: " + e.getMessage(), e);
    }
    YamlNode root = YamlNode.root(origin, document).expectOnly(Set.of("settings", "policies"));
    Settings settings;
    try {
      settings = SettingsReader.read(root.node("settings"));
    } catch (IllegalArgumentException e) {
      throw new PolicyFileException(origin, "settings: " + e.getMessage(), e);
    }
    return new PolicyBook(origin, settings, compile(root.nodes("policies"), origin));
  }

  private static Map<Gate, PolicySet> compile(List<YamlNode> nodes, String origin) {
    Map<Gate, List<Policy>> byGate = new EnumMap<>(Gate.class);
    Set<String> ids = new HashSet<>();
    for (YamlNode node : nodes) {
      PolicyDefinition definition = definition(node);
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

  private static PolicyDefinition definition(YamlNode node) {
    node.expectOnly(
        Set.of("id", "gate", "effect", "description", "expression", "message", "approvable"));
    String id = node.text("id");
    Gate gate =
        Gate.parse(node.text("gate"))
            .orElseThrow(
                () -> node.error(node.path() + ".gate", "policy '" + id + "': unknown gate"));
    Effect effect =
        Effect.parse(node.text("effect"))
            .orElseThrow(
                () ->
                    node.error(
                        node.path() + ".effect", "policy '" + id + "': must be deny or escalate"));
    boolean approvable = node.flag("approvable", false);
    if (approvable && effect != Effect.ESCALATE) {
      throw node.error(
          node.path() + ".approvable",
          "policy '" + id + "' denies: a deny is a hard rule and cannot be approvable");
    }
    return new PolicyDefinition(
        id,
        gate,
        effect,
        node.text("description"),
        node.text("expression"),
        node.optionalText("message"),
        approvable);
  }
}
