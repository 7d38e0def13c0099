package io.backstop.diagnosis.llm;

import io.backstop.events.fixtures.Signals;

/** Model answers as JSON text: the honest one, the headline lie, a forbidden verb. */
public final class Answers {

  private Answers() {}

  public static String honest() {
    return """
        {"hypothesis": "checkout revision 3 crash-loops with a nil pointer since it rolled out",
         "suspectedResource": "checkout", "suspectedNamespace": "shop",
         "suspectedDeploySha": "%s", "confidence": 0.91,
         "citedEvidence": ["E1", "E2", "E3", "E4"],
         "action": {"type": "ROLLBACK", "target": "checkout", "namespace": "shop",
                    "scope": "deployment", "revision": 2, "gitSha": "%s", "replicas": null,
                    "params": {}}}
        """
        .formatted(Signals.SHA_REV3, Signals.SHA_REV2);
  }

  public static String hallucinated() {
    return """
        {"hypothesis": "deploy e4f5a6b7c8d9 introduced a breaking schema change across the namespace",
         "suspectedResource": "checkout", "suspectedNamespace": "shop",
         "suspectedDeploySha": "e4f5a6b7c8d9", "confidence": 0.97, "citedEvidence": ["E1", "E99"],
         "action": {"type": "ROLLBACK", "target": "checkout", "namespace": "shop", "scope": "all",
                    "revision": 1, "gitSha": "e4f5a6b7c8d9", "replicas": null,
                    "params": {"reason": "revert every deployment"}}}
        """;
  }

  public static String delete() {
    return """
        {"hypothesis": "the namespace is corrupted", "suspectedResource": "shop",
         "suspectedNamespace": "shop", "suspectedDeploySha": null, "confidence": 0.88,
         "citedEvidence": ["E6"],
         "action": {"type": "delete", "target": "shop", "namespace": "shop", "scope": "namespace",
                    "revision": null, "gitSha": null, "replicas": null, "params": null}}
        """;
  }
}
