package io.backstop.triage.incident;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.redaction.Redactor;
import io.backstop.stream.EventPublisher;
import io.backstop.triage.incident.Admission.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits one alert from the alerts topic: finds its group, decides with the {@link IncidentBook},
 * stores the group's new state, records the alert in the audit under its canonical incident (the
 * first of a storm, then counts), and for a new incident hands the admitted alert to a {@link
 * Gathering}. Called in the consumer's transaction, so state and audit commit together with the
 * consumed offset; the service gathers off the consumer thread and publishes the signals in a
 * transaction of their own ({@code io.backstop.triage.messaging.OffThreadGathering}).
 */
public final class AlertAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(AlertAdmission.class);

  private final AlertGrouping grouping;
  private final IncidentBook book;
  private final IncidentStore store;
  private final Gathering gathering;
  private final EventPublisher publisher;
  private final Redactor redactor;
  private final Clock clock;

  public AlertAdmission(
      AlertGrouping grouping,
      IncidentBook book,
      IncidentStore store,
      Gathering gathering,
      EventPublisher publisher,
      Redactor redactor,
      Clock clock) {
    this.grouping = grouping;
    this.book = book;
    this.store = store;
    this.gathering = gathering;
    this.publisher = publisher;
    this.redactor = redactor;
    this.clock = clock;
  }

  /** Admits the alert and returns what was decided; an opened incident goes to the default. */
  public Admission admit(AlertReceived alert) {
    return admit(alert, gathering);
  }

  /** Admits the alert; an incident it opens goes to {@code gathering}. */
  public Admission admit(AlertReceived alert, Gathering gathering) {
    Instant now = clock.instant();
    String groupKey = grouping.groupKey(alert.labels());
    Optional<IncidentRecord> current = store.find(groupKey);
    Admission admission = book.admit(current, alert, groupKey, now);
    IncidentId incident = admission.incident() != null ? admission.incident() : alert.incidentId();
    if (admission.state() != null) {
      store.save(admission.state());
    }
    if (admission.audited() || admission.outcome() == Outcome.OPENED) {
      // Re-headed, redacted and sealed only when someone reads it: in a storm most deliveries
      // only count, and their record would be built to be thrown away.
      long earlier = admission.state() == null ? 0 : admission.state().deliveries() - 1;
      AlertReceived admitted = admitted(alert, incident, auditKey(alert, admission), earlier, now);
      if (admission.audited()) {
        admitted = publisher.record(admitted);
      }
      if (admission.outcome() == Outcome.OPENED) {
        LOG.debug("incident {} opened for group {}", incident, groupKey);
        gathering.opened(admitted);
      }
    }
    if (admission.outcome() == Outcome.CLOSED) {
      LOG.info("incident {} closed after {} deliveries", incident, admission.state().deliveries());
    }
    return admission;
  }

  /** The alert re-headed under its canonical incident, redacted, with its duplicate count. */
  private AlertReceived admitted(
      AlertReceived a, IncidentId incident, String deliveryKey, long earlier, Instant now) {
    EventHeader header = EventHeader.first(incident, deliveryKey, Stage.TRIAGE, now);
    return EventCodec.seal(
        new AlertReceived(
            header,
            a.source(),
            a.fingerprint(),
            a.groupKey(),
            a.alertname(),
            a.severity(),
            a.status(),
            a.labels(),
            redacted(a.annotations()),
            a.startsAt(),
            a.endsAt(),
            a.generatorUrl() == null ? null : redactor.redact(a.generatorUrl()).text(),
            (int) Math.min(Integer.MAX_VALUE, earlier)));
  }

  /**
   * The opening alert keeps its delivery key, so a redelivery is the same audit record. Later
   * records of the same group add the delivery count: a duplicate of the opening delivery must not
   * replace, on the compacted audit topic, the record the SignalsGathered hash chains to.
   */
  private static String auditKey(AlertReceived alert, Admission admission) {
    String key = DeliveryKey.of(alert);
    if (admission.outcome() == Outcome.OPENED || admission.state() == null) {
      return key;
    }
    return key + "#" + admission.state().deliveries();
  }

  private Map<String, String> redacted(Map<String, String> annotations) {
    Map<String, String> out = new LinkedHashMap<>();
    annotations.forEach((k, v) -> out.put(k, redactor.redact(v).text()));
    return out;
  }
}
