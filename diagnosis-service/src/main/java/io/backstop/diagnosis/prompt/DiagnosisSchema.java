package io.backstop.diagnosis.prompt;

/**
 * The JSON schema of an answer, sent as {@code response_format} to targets with native structured
 * output and quoted in the instructions for the others. {@code action.type} is a free string on
 * purpose: a verb outside the vocabulary must reach the audit as written, not fail the call.
 */
public final class DiagnosisSchema {

  public static final String JSON =
      """
      {
        "type": "object",
        "additionalProperties": false,
        "required": ["hypothesis", "suspectedResource", "suspectedNamespace", "suspectedDeploySha",
                     "confidence", "citedEvidence", "action"],
        "properties": {
          "hypothesis": {"type": "string"},
          "suspectedResource": {"type": ["string", "null"]},
          "suspectedNamespace": {"type": ["string", "null"]},
          "suspectedDeploySha": {"type": ["string", "null"]},
          "confidence": {"type": "number", "minimum": 0, "maximum": 1},
          "citedEvidence": {"type": "array", "items": {"type": "string"}},
          "action": {
            "type": "object",
            "additionalProperties": false,
            "required": ["type", "target", "namespace", "scope", "revision", "gitSha",
                         "podTemplateHash", "replicas", "params"],
            "properties": {
              "type": {"type": "string"},
              "target": {"type": ["string", "null"]},
              "namespace": {"type": ["string", "null"]},
              "scope": {"type": ["string", "null"]},
              "revision": {"type": ["integer", "null"]},
              "gitSha": {"type": ["string", "null"]},
              "podTemplateHash": {"type": ["string", "null"]},
              "replicas": {"type": ["integer", "null"]},
              "params": {"type": ["object", "null"], "additionalProperties": {"type": "string"}}
            }
          }
        }
      }
      """;

  private DiagnosisSchema() {}
}
