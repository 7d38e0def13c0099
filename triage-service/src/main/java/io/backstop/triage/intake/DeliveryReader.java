package io.backstop.triage.intake;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.id.IncidentId;
import io.backstop.redaction.Redactor;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.incident.DeliveryKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads an alert delivery into AlertReceived events: parses the JSON, checks every field against
 * the limits (sizes, required fields, a status per alert, start and end within the time bounds) and
 * names the first bad one, redacts annotations, and heads each alert with a provisional incident id
 * derived from its group (so a group's alerts share a partition) and a delivery key (so a duplicate
 * delivery has the same event id, and two distinct alerts never do). The alerts are not sealed
 * here: the publisher that carries them out seals each one, once, in the delivery's transaction.
 * Sealing here as well had the publisher hash each alert a second time to check the first (in a JFR
 * of the bench's webhook deliveries the two hashes were about 9% of the JVM's samples).
 */
public final class DeliveryReader {

  private final IntakeLimits limits;
  private final FieldChecks checks;
  private final AlertChecks alerts;
  private final AlertGrouping grouping;
  private final Redactor redactor;

  public DeliveryReader(IntakeLimits limits, AlertGrouping grouping, Redactor redactor) {
    this.limits = limits;
    this.checks = new FieldChecks(limits);
    this.alerts = new AlertChecks(limits);
    this.grouping = grouping;
    this.redactor = redactor;
  }

  public List<AlertReceived> alertmanager(byte[] body, Instant now) {
    AlertmanagerPayload p = JsonBody.parse(body, AlertmanagerPayload.class);
    if (p.alerts() == null || p.alerts().isEmpty()) {
      throw new InvalidAlertException("alerts", "must hold at least one alert");
    }
    if (p.alerts().size() > limits.maxAlerts()) {
      throw new InvalidAlertException(
          "alerts",
          "at most " + limits.maxAlerts() + " alerts per delivery, but was " + p.alerts().size());
    }
    checks.map("commonAnnotations", p.commonAnnotations());
    List<AlertReceived> out = new ArrayList<>();
    for (int i = 0; i < p.alerts().size(); i++) {
      out.add(alertmanagerAlert("alerts[" + i + "]", p, p.alerts().get(i), now));
    }
    return out;
  }

  private AlertReceived alertmanagerAlert(
      String at, AlertmanagerPayload p, AlertmanagerPayload.Alert a, Instant now) {
    if (a == null) {
      throw new InvalidAlertException(at, "must be an object");
    }
    Map<String, String> labels = checks.labels(at + ".labels", a.labels());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (p.commonAnnotations() != null) {
      annotations.putAll(p.commonAnnotations());
    }
    checks.map(at + ".annotations", a.annotations());
    if (a.annotations() != null) {
      annotations.putAll(a.annotations());
    }
    if (p.truncatedAlerts() != null && p.truncatedAlerts() > 0) {
      annotations.put("backstop.io/truncated-alerts", p.truncatedAlerts().toString());
    }
    AlertStatus status = FieldChecks.status(at + ".status", a.status());
    String fingerprint =
        a.fingerprint() == null || a.fingerprint().isBlank()
            ? derivedFingerprint(labels)
            : checks.bounded(at + ".fingerprint", a.fingerprint());
    Instant startsAt = FieldChecks.time(at + ".startsAt", a.startsAt(), null);
    Instant endsAt = FieldChecks.endsAt(at + ".endsAt", a.endsAt());
    alerts.times(at + ".", startsAt, endsAt, now);
    return alert(
        "alertmanager",
        labels,
        annotations,
        status,
        fingerprint,
        startsAt,
        endsAt,
        generatorUrl(at + ".generatorURL", a.generatorURL()),
        p.groupKey() == null ? null : checks.bounded("groupKey", p.groupKey()),
        now);
  }

  public AlertReceived generic(byte[] body, Instant now) {
    GenericAlert g = JsonBody.parse(body, GenericAlert.class);
    String source = FieldChecks.required("source", g.source());
    Map<String, String> labels = new LinkedHashMap<>(g.labels() == null ? Map.of() : g.labels());
    labels.putIfAbsent("alertname", FieldChecks.required("alertname", g.alertname()));
    if (g.severity() != null) {
      labels.putIfAbsent("severity", g.severity());
    }
    labels = checks.labels("labels", labels);
    checks.map("annotations", g.annotations());
    String fingerprint =
        g.fingerprint() == null || g.fingerprint().isBlank()
            ? derivedFingerprint(labels)
            : checks.bounded("fingerprint", g.fingerprint());
    Instant startsAt = FieldChecks.time("startsAt", g.startsAt(), now);
    Instant endsAt = FieldChecks.endsAt("endsAt", g.endsAt());
    alerts.times("", startsAt, endsAt, now);
    return alert(
        checks.bounded("source", source),
        labels,
        g.annotations(),
        FieldChecks.status("status", g.status()),
        fingerprint,
        startsAt,
        endsAt,
        generatorUrl("generatorUrl", g.generatorUrl()),
        null,
        now);
  }

  private AlertReceived alert(
      String source,
      Map<String, String> labels,
      Map<String, String> annotations,
      AlertStatus status,
      String fingerprint,
      Instant startsAt,
      Instant endsAt,
      String generatorUrl,
      String groupKey,
      Instant now) {
    IncidentId provisional =
        IncidentId.of("alert-" + AlertGrouping.hash(grouping.groupKey(labels)));
    String deliveryKey = DeliveryKey.of(source, fingerprint, labels, startsAt, status);
    return new AlertReceived(
        EventHeader.first(provisional, deliveryKey, Stage.INTAKE, now),
        source,
        fingerprint,
        groupKey,
        labels.get("alertname"),
        AlertSeverity.fromLabel(labels.get("severity")),
        status,
        labels,
        redacted(annotations),
        startsAt,
        endsAt,
        generatorUrl == null ? null : redactor.redact(generatorUrl).text(),
        0);
  }

  private String generatorUrl(String at, String url) {
    return url == null ? null : checks.bounded(at, url);
  }

  private Map<String, String> redacted(Map<String, String> annotations) {
    if (annotations == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    annotations.forEach((k, v) -> out.put(k, redactor.redact(v).text()));
    return out;
  }

  /** Alertmanager-style fingerprint stand-in: a hash of the sorted label set. */
  static String derivedFingerprint(Map<String, String> labels) {
    String canonical =
        new TreeMap<>(labels)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    return AlertGrouping.hash(canonical);
  }
}
