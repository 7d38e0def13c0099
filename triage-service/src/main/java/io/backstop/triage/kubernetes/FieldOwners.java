package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who wrote a field of an object and when, as its {@code metadata.managedFields} records it (one
 * entry per field manager, operation and subresource, with the time of its last write).
 */
public final class FieldOwners {

  private FieldOwners() {}

  /** One manager's last write of a field: manager, operation, subresource ("" for none), time. */
  public record Write(String manager, String operation, String subresource, Instant at) {

    public String describe() {
      return manager + (subresource.isEmpty() ? "" : " (" + subresource + ")");
    }
  }

  /** The writes of the managers that own the field at {@code path} ("f:spec", "f:replicas"). */
  public static List<Write> of(HasMetadata object, String... path) {
    List<ManagedFieldsEntry> entries =
        object.getMetadata() == null || object.getMetadata().getManagedFields() == null
            ? List.of()
            : object.getMetadata().getManagedFields();
    List<Write> out = new ArrayList<>();
    for (ManagedFieldsEntry e : entries) {
      if (e.getFieldsV1() == null
          || e.getTime() == null
          || !owns(e.getFieldsV1().getAdditionalProperties(), path)) {
        continue;
      }
      try {
        out.add(
            new Write(
                e.getManager() == null ? "" : e.getManager(),
                e.getOperation() == null ? "" : e.getOperation(),
                e.getSubresource() == null ? "" : e.getSubresource(),
                Instant.parse(e.getTime())));
      } catch (RuntimeException ignored) {
        // a time that is not RFC 3339 says nothing about when
      }
    }
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private static boolean owns(Map<String, Object> fields, String... path) {
    Object node = fields;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return false;
      }
      node = ((Map<String, Object>) map).get(key);
    }
    return true;
  }
}
