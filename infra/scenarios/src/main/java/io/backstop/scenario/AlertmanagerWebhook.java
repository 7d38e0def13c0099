package io.backstop.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scenario's alert as Alertmanager's webhook (version 4) delivers it, for runs that send the
 * alert straight to triage's {@code POST /api/v1/alerts/alertmanager} instead of going through
 * Prometheus. Labels are the scenario's plus {@code alertname} and {@code severity}; the
 * fingerprint is a stable hash of the labels, as Alertmanager's is.
 */
public final class AlertmanagerWebhook {

  public static final String RECEIVER = "backstop-triage";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AlertmanagerWebhook() {}

  /** The webhook body for the scenario's alert, firing since {@code startsAt}. */
  public static String firing(Scenario scenario, Instant startsAt) {
    Map<String, String> labels = labels(scenario.alert());
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "4");
    root.put("groupKey", "{}:{alertname=\"" + scenario.alert().alertname() + "\"}");
    root.put("truncatedAlerts", 0);
    root.put("status", "firing");
    root.put("receiver", RECEIVER);
    root.putObject("groupLabels").put("alertname", scenario.alert().alertname());
    var common = root.putObject("commonLabels");
    labels.forEach(common::put);
    var commonAnnotations = root.putObject("commonAnnotations");
    new TreeMap<>(scenario.alert().annotations()).forEach(commonAnnotations::put);
    root.put("externalURL", "http://127.0.0.1:9093");
    var alert = root.putArray("alerts").addObject();
    alert.put("status", "firing");
    var alertLabels = alert.putObject("labels");
    labels.forEach(alertLabels::put);
    var annotations = alert.putObject("annotations");
    new TreeMap<>(scenario.alert().annotations()).forEach(annotations::put);
    alert.put("startsAt", startsAt.toString());
    alert.put("endsAt", "0001-01-01T00:00:00Z");
    alert.put("generatorURL", "http://127.0.0.1:9090/graph?scenario=" + scenario.name());
    alert.put("fingerprint", fingerprint(labels));
    return JSON.writeValueAsString(root);
  }

  static Map<String, String> labels(Alert alert) {
    var labels = new TreeMap<>(alert.labels());
    labels.put("alertname", alert.alertname());
    labels.putIfAbsent("severity", alert.severity());
    return labels;
  }

  /** 16 hex characters of a SHA-256 over the sorted labels. */
  static String fingerprint(Map<String, String> sortedLabels) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      sortedLabels.forEach(
          (name, value) ->
              digest.update((name + "\u0000" + value + "\u0000").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
