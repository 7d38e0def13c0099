package io.backstop.triage.intake;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.incident.DeliveryKey;
import io.backstop.triage.redaction.Redactor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Reads an alert delivery into AlertReceived events: parses the JSON, checks every field against
 * the limits and names the first bad one, redacts annotations, and heads each alert with a
 * provisional incident id derived from its group (so a group's alerts share a partition) and a
 * delivery key (so a duplicate delivery has the same event id).
 */
public final class DeliveryReader {

  /** Alertmanager's zero time, sent as endsAt of a firing alert. */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final IntakeLimits limits;
  private final AlertGrouping grouping;
  private final Redactor redactor;

  public DeliveryReader(IntakeLimits limits, AlertGrouping grouping, Redactor redactor) {
    this.limits = limits;
    this.grouping = grouping;
    this.redactor = redactor;
  }

  public List<AlertReceived> alertmanager(byte[] body, Instant now) {
    AlertmanagerPayload p = parse(body, AlertmanagerPayload.class);
    if (p.alerts() == null || p.alerts().isEmpty()) {
      throw new InvalidAlertException("alerts", "must hold at least one alert");
    }
    if (p.alerts().size() > limits.maxAlerts()) {
      throw new InvalidAlertException(
          "alerts",
          "at most " + limits.maxAlerts() + " alerts per delivery, but was " + p.alerts().size());
    }
    checkMap("commonAnnotations", p.commonAnnotations());
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
    Map<String, String> labels = labels(at + ".labels", a.labels());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (p.commonAnnotations() != null) {
      annotations.putAll(p.commonAnnotations());
    }
    checkMap(at + ".annotations", a.annotations());
    if (a.annotations() != null) {
      annotations.putAll(a.annotations());
    }
    if (p.truncatedAlerts() != null && p.truncatedAlerts() > 0) {
      annotations.put("backstop.io/truncated-alerts", p.truncatedAlerts().toString());
    }
    AlertStatus status = status(at + ".status", a.status() != null ? a.status() : p.status());
    String fingerprint =
        a.fingerprint() == null || a.fingerprint().isBlank()
            ? derivedFingerprint(labels)
            : bounded(at + ".fingerprint", a.fingerprint());
    return alert(
        "alertmanager",
        labels,
        annotations,
        status,
        fingerprint,
        time(at + ".startsAt", a.startsAt(), null),
        endsAt(at + ".endsAt", a.endsAt()),
        a.generatorURL(),
        p.groupKey(),
        now);
  }

  public AlertReceived generic(byte[] body, Instant now) {
    GenericAlert g = parse(body, GenericAlert.class);
    String source = required("source", g.source());
    Map<String, String> labels = new LinkedHashMap<>(g.labels() == null ? Map.of() : g.labels());
    labels.putIfAbsent("alertname", required("alertname", g.alertname()));
    if (g.severity() != null) {
      labels.putIfAbsent("severity", g.severity());
    }
    labels = labels("labels", labels);
    checkMap("annotations", g.annotations());
    String fingerprint =
        g.fingerprint() == null || g.fingerprint().isBlank()
            ? derivedFingerprint(labels)
            : bounded("fingerprint", g.fingerprint());
    return alert(
        bounded("source", source),
        labels,
        g.annotations(),
        status("status", g.status()),
        fingerprint,
        time("startsAt", g.startsAt(), now),
        endsAt("endsAt", g.endsAt()),
        g.generatorUrl(),
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
    String deliveryKey = DeliveryKey.of(source, fingerprint, startsAt, status);
    return EventCodec.seal(
        new AlertReceived(
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
            0));
  }

  private <T> T parse(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw new InvalidAlertException("$", "the body is empty");
    }
    try {
      T value = EventCodec.mapper().readValue(body, type);
      if (value == null) {
        throw new InvalidAlertException("$", "must be a JSON object");
      }
      return value;
    } catch (DatabindException e) {
      throw new InvalidAlertException(path(e), "wrong type or shape: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new InvalidAlertException("$", "not valid JSON: " + e.getOriginalMessage());
    }
  }

  private Map<String, String> labels(String at, Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      throw new InvalidAlertException(at, "must hold at least the label alertname");
    }
    checkMap(at, labels);
    String alertname = labels.get("alertname");
    if (alertname == null || alertname.isBlank()) {
      throw new InvalidAlertException(at + ".alertname", "is required");
    }
    return labels;
  }

  private void checkMap(String at, Map<String, String> map) {
    if (map == null) {
      return;
    }
    if (map.size() > limits.maxLabels()) {
      throw new InvalidAlertException(
          at, "at most " + limits.maxLabels() + " entries, but was " + map.size());
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey().isBlank() || e.getKey().length() > limits.maxNameLength()) {
        throw new InvalidAlertException(
            at + "." + abbreviate(e.getKey()),
            "names must be 1 to " + limits.maxNameLength() + " characters long");
      }
      if (e.getValue() == null || e.getValue().length() > limits.maxValueLength()) {
        throw new InvalidAlertException(
            at + "." + e.getKey(),
            "values must be present and at most " + limits.maxValueLength() + " characters long");
      }
    }
  }

  private String bounded(String at, String value) {
    if (value.length() > limits.maxValueLength()) {
      throw new InvalidAlertException(at, "at most " + limits.maxValueLength() + " characters");
    }
    return value;
  }

  private static String required(String at, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidAlertException(at, "is required");
    }
    return value;
  }

  private static AlertStatus status(String at, String value) {
    if ("firing".equalsIgnoreCase(value)) {
      return AlertStatus.FIRING;
    }
    if ("resolved".equalsIgnoreCase(value)) {
      return AlertStatus.RESOLVED;
    }
    throw new InvalidAlertException(at, "must be 'firing' or 'resolved', but was '" + value + "'");
  }

  private static Instant time(String at, String value, Instant absent) {
    if (value == null || value.isBlank()) {
      if (absent != null) {
        return absent;
      }
      throw new InvalidAlertException(at, "is required (RFC 3339 time)");
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidAlertException(
          at, "must be an RFC 3339 time, but was '" + abbreviate(value) + "'");
    }
  }

  private static Instant endsAt(String at, String value) {
    return value == null || value.isBlank() || value.startsWith(ZERO_TIME.substring(0, 10))
        ? null
        : time(at, value, null);
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

  private static String path(DatabindException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "$" : path;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
