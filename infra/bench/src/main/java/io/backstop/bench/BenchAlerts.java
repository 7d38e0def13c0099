package io.backstop.bench;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.incident.DeliveryKey;
import io.backstop.triage.incident.GroupingPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The alerts the bench sends, as an outside Kafka producer sends them (keyed by the provisional
 * incident of their group, as triage's README asks) and as Alertmanager posts them (version 4).
 */
final class BenchAlerts {

  static final String SOURCE = "bench";
  private static final AlertGrouping GROUPING = new AlertGrouping(GroupingPolicy.defaults());

  private BenchAlerts() {}

  static Map<String, String> labels(String namespace, String deployment) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", "HighErrorRate");
    labels.put("severity", "critical");
    labels.put("namespace", namespace);
    labels.put("deployment", deployment);
    return labels;
  }

  static AlertReceived alert(
      Map<String, String> labels, String fingerprint, Instant startsAt, AlertStatus status) {
    IncidentId provisional = provisional(labels);
    String deliveryKey = DeliveryKey.of(SOURCE, fingerprint, labels, startsAt, status);
    return new AlertReceived(
        EventHeader.first(provisional, deliveryKey, Stage.INTAKE, Instant.now()),
        SOURCE,
        fingerprint,
        null,
        labels.get("alertname"),
        AlertSeverity.CRITICAL,
        status,
        labels,
        Map.of("summary", "bench alert " + fingerprint),
        startsAt,
        status == AlertStatus.RESOLVED ? Instant.now() : null,
        null,
        0);
  }

  static IncidentId provisional(Map<String, String> labels) {
    return IncidentId.of("alert-" + AlertGrouping.hash(GROUPING.groupKey(labels)));
  }

  /** How the bench's outside senders produce alerts: acknowledged by every in-sync replica. */
  static Properties producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  static ProducerRecord<byte[], byte[]> record(String topic, AlertReceived alert) {
    return new ProducerRecord<>(
        topic,
        alert.incidentId().value().getBytes(StandardCharsets.UTF_8),
        EventCodec.encode(alert));
  }

  /** An Alertmanager webhook body (version 4) with one alert per fingerprint, all firing. */
  static byte[] webhook(Map<String, String> labels, List<String> fingerprints, Instant startsAt) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (String fingerprint : fingerprints) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("status", "firing");
      Map<String, String> own = new TreeMap<>(labels);
      own.put("instance", fingerprint);
      one.put("labels", own);
      one.put("annotations", Map.of("summary", "bench alert"));
      one.put("startsAt", startsAt.toString());
      one.put("endsAt", "0001-01-01T00:00:00Z");
      one.put("generatorURL", "http://127.0.0.1/bench");
      one.put("fingerprint", fingerprint);
      alerts.add(one);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "4");
    body.put("status", "firing");
    body.put("receiver", "backstop");
    body.put("groupKey", "{}:{alertname=\"HighErrorRate\"}");
    body.put("truncatedAlerts", 0);
    body.put("groupLabels", Map.of("alertname", "HighErrorRate"));
    body.put("commonLabels", labels);
    body.put("commonAnnotations", Map.of());
    body.put("externalURL", "http://127.0.0.1/alertmanager");
    body.put("alerts", alerts);
    return EventCodec.mapper().writeValueAsBytes(body);
  }
}
