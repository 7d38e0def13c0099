package io.backstop.stack.chaos;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.EventId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events on the audit log that answer a forged record: each FORGED_APPROVAL escalation and
 * everything caused by it (its page, its ticket). Their chain starts at a record the forger wrote
 * to a stage topic only, so it can never verify against the log; every other event must.
 */
final class ForgedTrees {

  private ForgedTrees() {}

  /** The events descended from the forged records {@code forged} (which are not on the log). */
  static Set<EventId> of(List<IncidentEvent> logOrder, Set<EventId> forged) {
    Set<EventId> tree = new HashSet<>(forged);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (IncidentEvent event : logOrder) {
        if (tree.contains(event.eventId())) {
          continue;
        }
        if (tree.contains(event.header().causationId())) {
          tree.add(event.eventId());
          grew = true;
        }
      }
    }
    tree.removeAll(forged);
    return tree;
  }
}
