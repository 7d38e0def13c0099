package io.backstop.escalation.bundle;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.EventId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether an incident's events still hold together: every event's stored hash matches its content,
 * and every event whose cause is in the log names that cause's hash as its parent. An edited past
 * event fails its own hash; a swapped one breaks its children's parent hashes. The problems are
 * listed so the bundle can say exactly which event failed.
 */
public record ChainCheck(boolean verified, int events, List<String> problems) {

  public ChainCheck {
    problems = List.copyOf(problems);
  }

  public static ChainCheck of(List<? extends IncidentEvent> events) {
    Map<EventId, IncidentEvent> byId =
        events.stream()
            .collect(Collectors.toMap(IncidentEvent::eventId, Function.identity(), (a, b) -> a));
    List<String> problems = new ArrayList<>();
    for (IncidentEvent event : events) {
      if (!EventCodec.intact(event)) {
        problems.add(event.eventType() + " " + event.eventId() + " does not match its hash");
      }
      IncidentEvent cause = byId.get(event.header().causationId());
      if (cause != null
          && !String.valueOf(cause.header().hash()).equals(event.header().parentHash())) {
        problems.add(
            event.eventType() + " " + event.eventId() + " names a parent hash its cause lacks");
      }
    }
    return new ChainCheck(problems.isEmpty() && !events.isEmpty(), events.size(), problems);
  }
}
