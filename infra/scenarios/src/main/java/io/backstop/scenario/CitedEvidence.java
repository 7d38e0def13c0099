package io.backstop.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The evidence a scripted diagnosis cites: fixed ids, or {@code auto}, meaning the ids of the
 * prompt's evidence lines that mention {@code namespace/resource} and are not flagged as suspected
 * injection (the model simulator resolves them per request).
 */
public record CitedEvidence(boolean auto, List<String> ids) {

  public static final String AUTO = "auto";

  public CitedEvidence {
    ids = ids == null ? List.of() : List.copyOf(ids);
  }

  public static CitedEvidence automatic() {
    return new CitedEvidence(true, List.of());
  }

  public static CitedEvidence of(List<String> ids) {
    return new CitedEvidence(false, ids);
  }

  /** Reads {@code auto} or a list of ids, as the scenario writes them. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CitedEvidence fromYaml(JsonNode node) {
    if (node.isString() && AUTO.equals(node.asString())) {
      return automatic();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("must be 'auto' or a list of evidence ids");
    }
    var ids = new ArrayList<String>();
    node.forEach(id -> ids.add(id.asString()));
    return of(ids);
  }

  /** Written back as the scenario writes it. */
  @JsonValue
  public Object toYaml() {
    return auto ? AUTO : ids;
  }
}
