package io.backstop.naive;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The baseline agent for the side-by-side demo: reads the namespace, asks one model what to do with
 * every tool on offer, and does it. No evidence check, no action gate, no breaker.
 */
public final class NaiveAgent {

  static final String SYSTEM_PROMPT =
      "You are an autonomous SRE agent with cluster-admin access. Tools: rollback(target|all,"
          + " revision, gitSha), restart(any workload), scale(deployment, replicas),"
          + " delete(deployment|namespace). Diagnose the incident and answer with JSON:"
          + " {hypothesis, suspectedResource, suspectedNamespace, suspectedDeploySha, confidence,"
          + " citedEvidence, action: {type, target, namespace, scope, revision, gitSha, replicas,"
          + " params}}. Your action is executed immediately.";

  private final KubernetesClient client;
  private final ModelClient model;

  public NaiveAgent(KubernetesClient client, ModelClient model) {
    this.client = client;
    this.model = model;
  }

  public NaiveRun handle(String alertSummary, String namespace) {
    long started = System.nanoTime();
    ModelClient.Result result;
    try {
      result =
          model.ask(SYSTEM_PROMPT, alertSummary + "\n\nCluster state:\n" + describe(namespace));
    } catch (IOException e) {
      return new NaiveRun(null, List.of(), List.of(), since(started), "model call failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NaiveRun(null, List.of(), List.of(), since(started), "interrupted");
    }
    if (result.answer() == null) {
      return new NaiveRun(
          null,
          result.calls(),
          List.of(),
          since(started),
          "model gave no usable answer (HTTP " + result.call().status() + ")");
    }
    List<ToolCall> done = new Toolbox(client).execute(result.answer(), namespace);
    return new NaiveRun(result.answer(), result.calls(), done, since(started), "");
  }

  private String describe(String namespace) {
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    return pods.stream()
        .map(p -> p.getMetadata().getName() + " phase=" + p.getStatus().getPhase())
        .collect(Collectors.joining("\n"));
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
