package io.backstop.modelsim.answer;

import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.scenario.ScriptedDiagnosis;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a scripted diagnosis as the JSON object a model answers with: every field the answer
 * schema asks for (diagnosis-service's {@code DiagnosisSchema}), the action's included.
 */
public final class DiagnosisJson {

  private DiagnosisJson() {}

  public static String render(ObjectMapper json, ScriptedDiagnosis diagnosis, List<String> cited) {
    ObjectNode root = json.createObjectNode();
    root.put("hypothesis", diagnosis.hypothesis());
    root.put("suspectedResource", diagnosis.suspectedResource());
    root.put("suspectedNamespace", diagnosis.suspectedNamespace());
    root.put("suspectedDeploySha", diagnosis.suspectedDeploySha());
    root.put("confidence", diagnosis.confidence());
    var ids = root.putArray("citedEvidence");
    cited.forEach(ids::add);
    root.set("action", action(json, diagnosis.action()));
    return json.writeValueAsString(root);
  }

  private static ObjectNode action(ObjectMapper json, RecommendedAction action) {
    ObjectNode node = json.createObjectNode();
    node.put("type", action.type());
    node.put("target", action.target());
    node.put("namespace", action.namespace());
    node.put("scope", action.scope());
    node.put("revision", action.revision());
    node.put("gitSha", action.gitSha());
    node.put("podTemplateHash", action.podTemplateHash());
    node.put("replicas", action.replicas());
    var params = node.putObject("params");
    action.params().forEach(params::put);
    return node;
  }
}
