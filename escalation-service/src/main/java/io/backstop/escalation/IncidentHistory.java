package io.backstop.escalation;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.IncidentId;
import java.util.List;

/** Everything on the record for one incident, read from the audit log. */
@FunctionalInterface
public interface IncidentHistory {

  List<IncidentEvent> eventsOf(IncidentId incident);
}
