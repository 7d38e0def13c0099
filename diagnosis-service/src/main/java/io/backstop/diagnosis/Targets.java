package io.backstop.diagnosis;

import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.llm.SpringAiModelClient;
import io.backstop.diagnosis.telemetry.GenAiSpans;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one gateway client per configured target. A target without a base URL (its own or the
 * gateway's) is not built: with none at all, the offline analyzer diagnoses alone, and the log says
 * so once at startup.
 */
final class Targets {

  private static final Logger LOG = LoggerFactory.getLogger(Targets.class);

  private Targets() {}

  static List<ModelClient> clients(DiagnosisProperties properties, UnaryOperator<String> env) {
    List<ModelClient> clients =
        properties.targets().stream()
            .filter(t -> baseUrl(properties, t) != null)
            .map(t -> GenAiSpans.traced(client(properties, t, env)))
            .toList();
    if (clients.isEmpty()) {
      LOG.warn("no model gateway configured: diagnosing with the offline analyzer only");
    }
    return clients;
  }

  static TargetSpec spec(DiagnosisProperties.Target t) {
    return new TargetSpec(
        t.name(),
        t.model(),
        t.tier(),
        t.priority(),
        t.timeout(),
        new Pricing(t.inputPricePer1k(), t.outputPricePer1k()),
        t.structuredOutput());
  }

  private static SpringAiModelClient client(
      DiagnosisProperties properties, DiagnosisProperties.Target t, UnaryOperator<String> env) {
    String keyEnv = blank(t.apiKeyEnv()) ? properties.gateway().apiKeyEnv() : t.apiKeyEnv();
    String key = blank(keyEnv) ? null : env.apply(keyEnv);
    return SpringAiModelClient.create(spec(t), baseUrl(properties, t), key);
  }

  private static String baseUrl(DiagnosisProperties properties, DiagnosisProperties.Target t) {
    if (!blank(t.baseUrl())) {
      return t.baseUrl();
    }
    String gateway = properties.gateway().baseUrl();
    return blank(gateway) ? null : gateway;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
